import Foundation

/// A buffered byte writer to standard output or a file: 1 MiB buffer, so streaming a million
/// features costs a few hundred writes and constant memory.
///
/// A file is written as a temporary file beside it and renamed into place by the first
/// `flush()` (which the writers call once their output is complete): a command that fails
/// midway leaves an existing file as it was, not a fragment, and no temporary file behind.
public final class ByteSink {
    private let handle: FileHandle
    private let ownsHandle: Bool
    private var buffer: [UInt8] = []
    private let capacity: Int
    /// For a file: (temporary path, final path) until `flush()` renames the one to the other.
    private var pendingRename: (temporary: String, final: String)?

    /// Writes to standard output.
    public static func standardOutput() -> ByteSink {
        ByteSink(handle: .standardOutput, ownsHandle: false)
    }

    /// Writes to `path`, through a temporary file in the same folder that `flush()` renames
    /// into place (replacing an existing file only then).
    ///
    /// - throws: `OutputError.cannotCreate` with the path and the reason.
    public static func file(_ path: String) throws -> ByteSink {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw OutputError.cannotCreate(path: path, reason: "it is a directory")
        }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw OutputError.cannotCreate(path: path, reason: "its folder is missing or not writable")
        }
        let sink = ByteSink(handle: handle, ownsHandle: true)
        sink.pendingRename = (temporary, path)
        return sink
    }

    private init(handle: FileHandle, ownsHandle: Bool, capacity: Int = 1 << 20) {
        self.handle = handle
        self.ownsHandle = ownsHandle
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    deinit {
        if let pendingRename {
            // Never completed (the command failed): the destination stays as it was.
            try? handle.close()
            try? FileManager.default.removeItem(atPath: pendingRename.temporary)
            return
        }
        try? drain()
        if ownsHandle { try? handle.close() }
    }

    /// Appends UTF-8 text.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try drain() }
    }

    /// Appends raw bytes.
    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try drain() }
    }

    /// Lets `body` append to the buffer directly (the writers' hot path), then flushes if the
    /// buffer is full.
    func append(_ body: (inout [UInt8]) -> Void) throws {
        body(&buffer)
        if buffer.count >= capacity { try drain() }
    }

    /// Hands the buffered bytes to the operating system; the first call on a file sink also
    /// renames it into place, so call it when the output is complete.
    public func flush() throws {
        try drain()
        if let (temporary, final) = pendingRename {
            guard rename(temporary, final) == 0 else {
                let reason = String(cString: strerror(errno))
                throw OutputError.cannotCreate(path: final, reason: reason)
            }
            pendingRename = nil
        }
    }

    /// Writes the buffered bytes.
    private func drain() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw OutputError.writeFailed(reason: error.localizedDescription)
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Output could not be written.
public enum OutputError: Error, Sendable, CustomStringConvertible {
    /// The output file could not be created; `reason` says why.
    case cannotCreate(path: String, reason: String)
    /// A write failed (disk full, closed pipe).
    case writeFailed(reason: String)
    /// A format the output cannot be written in: (format, what is written, the formats it has).
    case unsupportedFormat(OutputFormat, what: String, supported: [OutputFormat])
    /// The temporary file a large ordered answer is spilled to could not be made or used.
    case temporaryFile(directory: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotCreate(path, reason): return "\(path): cannot create the output file: \(reason)"
        case let .writeFailed(reason): return "writing output failed: \(reason)"
        case let .unsupportedFormat(format, what, supported):
            return "--format \(format.rawValue) is not available for \(what); use " + supported.map(\.rawValue).joined(separator: ", ")
        case let .temporaryFile(directory, reason):
            return "cannot use a temporary file in \(directory) (set TMPDIR to another directory): \(reason)"
        }
    }
}
