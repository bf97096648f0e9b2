import Foundation
import NIOPosix

/// The threads database work runs on, off the event loops: a fixed number of threads and a
/// bounded queue. A request that would wait behind `queueLimit` others is refused with a 503
/// at once, rather than piling up memory and latency.
final class DatabaseWorkers: @unchecked Sendable {
    private let pool: NIOThreadPool
    /// Jobs running or queued; guarded by `lock`.
    private var pending = 0
    private let lock = NSLock()
    /// Threads that run jobs.
    let threads: Int
    /// Jobs running or waiting at most.
    let queueLimit: Int

    /// Starts `threads` worker threads.
    init(threads: Int, queueLimit: Int) {
        self.threads = threads
        self.queueLimit = queueLimit
        pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
    }

    /// Runs `body` on a worker thread and returns its result, or a 503 `Problem` after
    /// `timeLimit` seconds (the job itself runs on to its end: a backend's work is not interruptible
    /// from outside, and it holds only a read snapshot).
    ///
    /// - throws: a 503 `Problem` when the queue is full or time is up; what `body` throws.
    func run<T: Sendable>(timeLimit: Double, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        // Not a task group: a group waits for all its children, and the job cannot be cancelled.
        let outcome = FirstOutcome<T>()
        return try await withCheckedThrowingContinuation { continuation in
            outcome.start(continuation)
            let timer = Task {
                try await Task.sleep(for: .seconds(timeLimit))
                outcome.finish(.failure(Problem(.serviceUnavailable, "the request took longer than the \(Int(timeLimit)) s time limit")))
            }
            Task {
                do { outcome.finish(.success(try await self.run(body))) } catch { outcome.finish(.failure(error)) }
                // A timer left sleeping would hold its task for the whole time limit: thousands
                // of them under load.
                timer.cancel()
            }
        }
    }

    /// Runs `body` on a worker thread and returns its result.
    ///
    /// - throws: a 503 `Problem` when the queue is full; what `body` throws.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        let admitted = lock.withLock {
            guard pending < queueLimit else { return false }
            pending += 1
            return true
        }
        guard admitted else {
            throw Problem(.serviceUnavailable, "the server is busy (\(queueLimit) database requests running or waiting); retry shortly",
                          headers: [.retryAfter: "1"])
        }
        defer { lock.withLock { pending -= 1 } }
        return try await pool.runIfActive(body)
    }

    /// Stops the threads once their jobs are done.
    func shutdown() async throws {
        try await pool.shutdownGracefully()
    }
}

/// Resumes a continuation with the first of several outcomes and ignores the rest.
private final class FirstOutcome<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    /// Nil once resumed; guarded by `lock`.
    private var continuation: CheckedContinuation<T, any Error>?
    private var early: Result<T, any Error>?

    func start(_ continuation: CheckedContinuation<T, any Error>) {
        lock.lock()
        if let early {
            lock.unlock()
            continuation.resume(with: early)
            return
        }
        self.continuation = continuation
        lock.unlock()
    }

    func finish(_ result: Result<T, any Error>) {
        lock.lock()
        guard let continuation else {
            if early == nil { early = result }
            lock.unlock()
            return
        }
        self.continuation = nil
        lock.unlock()
        continuation.resume(with: result)
    }
}
