import AtlasModel
import Foundation

/// A file (or standard input) read in 1 MiB chunks: memory stays flat whatever the file size.
public final class ByteSource {
    /// The name used in messages: the path as given, or `<stdin>`.
    public let displayName: String
    /// Total size in bytes when known (regular files), for progress reports.
    public let totalBytes: Int?
    /// Bytes handed out so far.
    public private(set) var bytesRead = 0

    private let handle: FileHandle
    private let chunkSize: Int

    /// Opens `path` for reading; `-` means standard input.
    ///
    /// - throws: `InputError.unreadable` with the system's reason.
    public init(path: String, chunkSize: Int = 1 << 20) throws {
        self.chunkSize = chunkSize
        if path == "-" {
            handle = FileHandle.standardInput
            displayName = "<stdin>"
            totalBytes = nil
            return
        }
        displayName = path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError.unreadable(file: path, reason: "no such file")
        }
        guard !isDirectory.boolValue else { throw InputError.unreadable(file: path, reason: "is a directory") }
        guard let opened = FileHandle(forReadingAtPath: path) else {
            throw InputError.unreadable(file: path, reason: "permission denied or unreadable")
        }
        handle = opened
        totalBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue
    }

    deinit { if displayName != "<stdin>" { try? handle.close() } }

    /// The whole of `path` (`-` for standard input), for inputs read whole (a report).
    ///
    /// - throws: `InputError.malformed` past `maxBytes` (a device such as `/dev/zero` or a
    ///   mistaken file would otherwise be read until memory runs out); `InputError.unreadable`.
    public static func contents(of path: String, maxBytes: Int) throws -> Data {
        let source = try ByteSource(path: path)
        var data = Data()
        while let chunk = try source.nextChunk() {
            data.append(chunk)
            if data.count > maxBytes {
                throw InputError.malformed(file: source.displayName, line: nil, reason: "longer than \(maxBytes) bytes")
            }
        }
        return data
    }

    /// The next chunk, or nil at end of input.
    public func nextChunk() throws -> Data? {
        let data: Data?
        do {
            data = try handle.read(upToCount: chunkSize)
        } catch {
            throw InputError.unreadable(file: displayName, reason: error.localizedDescription)
        }
        guard let data, !data.isEmpty else { return nil }
        bytesRead += data.count
        return data
    }
}

