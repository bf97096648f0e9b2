import Foundation
import NIOCore

/// The bytes of one response between the thread that reads the database and the connection
/// that sends them: the reader never waits for the client, and memory stays bounded.
///
/// Up to `memoryLimit` bytes wait in memory; past that, chunks go to an unlinked temporary
/// file that the sender reads back in order. So a slow (or stalled) client cannot keep a read
/// transaction and a worker thread busy: the query finishes at database speed and releases its
/// connection, and a million-feature answer costs a few MiB of memory and its size on disk.
final class ResponseSpool: @unchecked Sendable {
    /// Guards every field below except the file offsets each side owns.
    private let lock = NSLock()
    /// Chunks in memory, in order, from `head` on.
    private var chunks: [[UInt8]] = []
    private var head = 0
    private var memoryBytes = 0
    /// The spill file, once memory is full; every later chunk goes there (order is kept:
    /// memory holds only bytes written before the first spilled one).
    private var file: FileHandle?
    /// Bytes written to the file (by the producer) and published to the consumer.
    private var fileEnd: UInt64 = 0
    /// Bytes of the file the consumer has read. Owned by the consumer.
    private var fileRead: UInt64 = 0
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private var waiter: CheckedContinuation<Void, Never>?

    /// Bytes held in memory before spilling.
    let memoryLimit: Int
    /// Where spill files go.
    private let directory: String

    /// `$TMPDIR` (or `/tmp`), read once: building the environment dictionary cost as much as
    /// a tenth of a 100-feature page.
    static let temporaryDirectory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"

    init(memoryLimit: Int = 4 << 20, directory: String = ResponseSpool.temporaryDirectory) {
        self.memoryLimit = memoryLimit
        self.directory = directory
    }

    // MARK: - Producer

    /// Appends `bytes`.
    ///
    /// - throws: `CancellationError` once the client is gone (the producer should stop).
    func append(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        lock.lock()
        if cancelled { lock.unlock(); throw CancellationError() }
        if file == nil && memoryBytes + bytes.count <= memoryLimit {
            chunks.append(bytes)
            memoryBytes += bytes.count
            let waiting = takeWaiter()
            lock.unlock()
            waiting?.resume()
            return
        }
        let spill = file
        lock.unlock()
        let handle = try spill ?? openSpill()
        // Only this thread writes: the write goes at the end, outside the lock.
        try handle.seekToEnd()
        try handle.write(contentsOf: bytes)
        lock.lock()
        fileEnd += UInt64(bytes.count)
        let waiting = takeWaiter()
        lock.unlock()
        waiting?.resume()
    }

    /// Marks the end of the response (with `error`, the body is cut short: the client sees a
    /// closed connection rather than a well-formed but incomplete document).
    func finish(error: (any Error)? = nil) {
        lock.lock()
        finished = true
        failure = error
        let waiting = takeWaiter()
        lock.unlock()
        waiting?.resume()
    }

    private func openSpill() throws -> FileHandle {
        var template = Array((directory + "/atlas-serve-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        // Unlinked at once: the file lives as long as the descriptor, whatever happens.
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        lock.lock()
        file = handle
        lock.unlock()
        return handle
    }

    // MARK: - Consumer

    /// The whole body in one buffer, when the producer has finished without an error and
    /// nothing was spilled to the file; nil otherwise (read it with `next()`).
    func wholeBodyInMemory() -> ByteBuffer? {
        lock.withLock {
            guard finished, failure == nil, file == nil else { return nil }
            var buffer = ByteBufferAllocator().buffer(capacity: memoryBytes)
            for chunk in chunks[head...] { buffer.writeBytes(chunk) }
            chunks.removeAll()
            head = 0
            memoryBytes = 0
            return buffer
        }
    }

    /// Tells the producer to stop (the client went away or the response was abandoned).
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    /// The next bytes in order, nil at the end.
    ///
    /// - throws: the producer's error, after the bytes written before it.
    func next() async throws -> ByteBuffer? {
        while true {
            switch step() {
            case let .bytes(chunk): return ByteBuffer(bytes: chunk)
            case let .file(handle, available):
                let count = Int(min(available, 1 << 20))
                var buffer = [UInt8](repeating: 0, count: count)
                let offset = off_t(fileRead)
                let got = buffer.withUnsafeMutableBytes { pread(handle.fileDescriptor, $0.baseAddress, count, offset) }
                guard got > 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
                fileRead += UInt64(got)
                return ByteBuffer(bytes: buffer[0..<got])
            case let .end(error):
                if let error { throw error }
                return nil
            case .wait:
                await withCheckedContinuation { continuation in
                    let ready = lock.withLock {
                        let ready = head < chunks.count || fileRead < fileEnd || finished
                        if !ready { waiter = continuation }
                        return ready
                    }
                    if ready { continuation.resume() }
                }
            }
        }
    }

    /// What the consumer does next.
    private enum Step {
        case bytes([UInt8])
        case file(FileHandle, available: UInt64)
        case end((any Error)?)
        case wait
    }

    /// Takes the next memory chunk, or says where else to look.
    private func step() -> Step {
        lock.withLock {
            if head < chunks.count {
                let chunk = chunks[head]
                chunks[head] = []
                head += 1
                memoryBytes -= chunk.count
                if head == chunks.count { chunks.removeAll(keepingCapacity: true); head = 0 }
                return .bytes(chunk)
            }
            if let file, fileRead < fileEnd { return .file(file, available: fileEnd - fileRead) }
            if finished { return .end(failure) }
            return .wait
        }
    }

    /// Takes the waiting consumer, if any; called with the lock held.
    private func takeWaiter() -> CheckedContinuation<Void, Never>? {
        defer { waiter = nil }
        return waiter
    }
}
