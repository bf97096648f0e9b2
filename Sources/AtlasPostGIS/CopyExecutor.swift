import Dispatch

/// The thread postgres-nio's async COPY runs on while a synchronous caller waits for it.
///
/// Not Swift's cooperative pool: a caller may itself be on one of its threads (a test, a task
/// of the server), and with every such thread blocked in a wait (two on a two-core machine),
/// a COPY task on the pool would never run and its caller would wait for ever. The jobs here
/// only send data and resume continuations; they never block.
@available(macOS 15.0, *)
final class CopyExecutor: TaskExecutor, @unchecked Sendable {
    /// The one COPY thread of the process.
    static let shared = CopyExecutor()

    private let queue = DispatchQueue(label: "atlas.postgis.copy")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs `operation` in a task on the COPY thread (on the global executor where task
    /// executors do not exist).
    static func run(_ operation: @escaping @Sendable () async -> Void) {
        Task(executorPreference: shared, operation: operation)
    }
}

/// Starts `operation` as a task off Swift's cooperative threads where the system allows it
/// (see `CopyExecutor`).
func runOffCooperativePool(_ operation: @escaping @Sendable () async -> Void) {
    if #available(macOS 15.0, *) {
        CopyExecutor.run(operation)
    } else {
        Task(operation: operation)
    }
}
