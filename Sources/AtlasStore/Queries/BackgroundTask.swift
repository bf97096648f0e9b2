import Dispatch
import Foundation

/// A pure computation started on its own thread and waited for once: lets a writer keep its
/// connection busy (building an index) while the other core prepares what it writes next.
///
/// The work must not touch a database connection: GRDB connections belong to their queue.
final class BackgroundTask<Value: Sendable>: @unchecked Sendable {
    // `value` is written once by the worker before `finished` is signalled and read only
    // after `wait()` has seen the signal: the semaphore orders the two accesses.
    private let finished = DispatchSemaphore(value: 0)
    private var value: Value?

    /// Starts `work` on a new thread.
    init(_ work: @escaping @Sendable () -> Value) {
        Thread.detachNewThread { [self] in
            value = work()
            finished.signal()
        }
    }

    /// Blocks until the work is done and returns its result (call at most once).
    func wait() -> Value {
        finished.wait()
        guard let value else { preconditionFailure("BackgroundTask signalled without a value") }
        return value
    }
}
