import Dispatch

/// A COPY sent to the server and not yet known to have ended (`PostGISSession.startCopy`).
///
/// It exists so an import can encode its next rows while the server reads these: the COPY runs
/// in a task on the COPY thread while the caller goes on. The session carries nothing else
/// until `wait()` has returned, so a caller waits before its next statement, and also before
/// it gives up after an error of its own (a ROLLBACK sent during the COPY would meet it).
struct PendingCopy {
    let session: PostGISSession
    let outcome: CopyOutcome
    /// What is being done, for the error message.
    let context: String

    /// Waits for the COPY to end.
    ///
    /// - throws: `PostGISError.server` with the server's message (it names the row of the
    ///   data), `.connectionLost` if the connection broke.
    func wait() throws {
        // Waited for in steps: if the connection breaks mid-COPY the task may never end, so a
        // closed connection ends the wait (the task is abandoned with the connection).
        while true {
            switch outcome.wait(seconds: 0.2) {
            case .finished(nil): return
            case let .finished(error?): throw session.failure(error, context: context)
            case .waiting:
                if session.isClosed {
                    throw PostGISError.connectionLost(session.url.redacted, context: context, reason: "the connection closed during COPY")
                }
            }
        }
    }
}

/// The end of a COPY task, handed to the thread waiting for it.
final class CopyOutcome: @unchecked Sendable {
    // `error` is written once before `done` is signalled and read after `wait()` saw the signal.
    private let done = DispatchSemaphore(value: 0)
    private var error: (any Error)?

    func finish(_ error: (any Error)?) {
        self.error = error
        done.signal()
    }

    /// What a wait found.
    enum State {
        /// The task ended, with its error if it failed.
        case finished((any Error)?)
        /// Still running after the time given.
        case waiting
    }

    /// Waits up to `seconds` for the task.
    func wait(seconds: Double) -> State {
        done.wait(timeout: .now() + seconds) == .success ? .finished(error) : .waiting
    }
}
