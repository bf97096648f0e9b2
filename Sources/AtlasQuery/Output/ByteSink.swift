import Foundation

/// A buffered byte writer to standard output or a file: 1 MiB buffer, so streaming a million
/// features costs a few hundred writes and constant memory.
public final class ByteSink {
    private let handle: FileHandle
    private let ownsHandle: Bool
    private var buffer: [UInt8] = []
    private let capacity: Int

    /// Writes to standard output.
    public static func standardOutput() -> ByteSink {
        ByteSink(handle: .standardOutput, ownsHandle: false)
    }

    /// Creates (or truncates) `path` and writes to it.
    ///
    /// - throws: `OutputError.cannotCreate` with the path.
    public static func file(_ path: String) throws -> ByteSink {
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else {
            throw OutputError.cannotCreate(path: path)
        }
        return ByteSink(handle: handle, ownsHandle: true)
    }

    private init(handle: FileHandle, ownsHandle: Bool, capacity: Int = 1 << 20) {
        self.handle = handle
        self.ownsHandle = ownsHandle
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    deinit {
        try? flush()
        if ownsHandle { try? handle.close() }
    }

    /// Appends UTF-8 text.
    public func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    /// Appends raw bytes.
    public func write(bytes: [UInt8]) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    /// Lets `body` append to the buffer directly (the writers' hot path), then flushes if the
    /// buffer is full.
    func append(_ body: (inout [UInt8]) -> Void) throws {
        body(&buffer)
        if buffer.count >= capacity { try flush() }
    }

    /// Hands the buffered bytes to the operating system.
    public func flush() throws {
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
    /// The output file could not be created.
    case cannotCreate(path: String)
    /// A write failed (disk full, closed pipe).
    case writeFailed(reason: String)
    /// A format the output cannot be written in: (format, what is written, the formats it has).
    case unsupportedFormat(OutputFormat, what: String, supported: [OutputFormat])
    /// The temporary file a large ordered answer is spilled to could not be made or used.
    case temporaryFile(directory: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotCreate(path): return "\(path): cannot create the output file"
        case let .writeFailed(reason): return "writing output failed: \(reason)"
        case let .unsupportedFormat(format, what, supported):
            return "--format \(format.rawValue) is not available for \(what); use " + supported.map(\.rawValue).joined(separator: ", ")
        case let .temporaryFile(directory, reason):
            return "cannot use a temporary file in \(directory) (set TMPDIR to another directory): \(reason)"
        }
    }
}
