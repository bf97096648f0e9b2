import Dispatch
import Foundation

/// Runs a producer on a background thread and hands its batches, in order, to a consumer on
/// the calling thread: a two-stage pipeline, so reading rows from SQLite (one core) overlaps
/// with encoding and writing them (the other core).
///
/// At most `depth` batches wait between the stages, so memory stays bounded whatever the row
/// count. Errors from either side stop both; the producer's error is rethrown to the caller.
/// The calling thread does not return before the producer has finished, so nothing the
/// producer uses (a database connection) outlives the call.
package enum BatchPipeline {
    /// Runs `produce` on a background thread and `consume` on this one, batch by batch.
    ///
    /// - parameters:
    ///   - depth: how many produced batches may wait for the consumer.
    ///   - inline: run both stages on this thread, every batch produced before the first is
    ///     consumed: for an answer of about one batch, where starting a thread costs more than
    ///     the overlap saves (a server's page).
    ///   - produce: produces batches by calling its argument, which returns false once the
    ///     consumer has stopped (the producer should then return).
    ///   - consume: called with each batch, in production order.
    package static func run<Element: Sendable>(
        depth: Int = 4,
        inline: Bool = false,
        produce: @escaping @Sendable (_ emit: ([Element]) -> Bool) throws -> Void,
        consume: ([Element]) throws -> Void
    ) throws {
        if inline {
            // Consumed after `produce` returns, so that `consume` never runs inside the
            // producer's database read (GRDB's reads are not reentrant).
            var batches: [[Element]] = []
            try produce { batch in
                batches.append(batch)
                return true
            }
            for batch in batches { try consume(batch) }
            return
        }
        let channel = Channel<Element>(depth: depth)
        let finished = DispatchGroup()
        finished.enter()
        Thread.detachNewThread {
            defer { finished.leave() }
            do {
                try produce { batch in channel.put(batch) }
                channel.close(error: nil)
            } catch {
                channel.close(error: error)
            }
        }
        defer {
            channel.cancel()
            finished.wait()
        }
        while let batch = try channel.take() {
            try consume(batch)
        }
    }
}

/// The bounded queue between the stages of `BatchPipeline`.
private final class Channel<Element: Sendable>: @unchecked Sendable {
    // All state is guarded by `condition`.
    private let condition = NSCondition()
    private var batches: [[Element]] = []
    private var closed = false
    private var cancelled = false
    private var failure: (any Error)?
    private let depth: Int

    package init(depth: Int) { self.depth = max(1, depth) }

    /// Producer side: waits for room, then queues `batch`. False when the consumer stopped.
    package func put(_ batch: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= depth && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// Producer side: no more batches; `error` if production failed.
    package func close(error: (any Error)?) {
        condition.lock()
        closed = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// Consumer side: the next batch, nil at the end, or the producer's error.
    package func take() throws -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !closed { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Consumer side: stop the producer (after the last batch, or on the consumer's error).
    package func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Moves a value that is not `Sendable` (a file reader, a parser) to the one thread that will
/// use it from then on: the sender must not touch it after the handoff.
package struct Handoff<Value>: @unchecked Sendable {
    /// The value; only the receiving thread reads or mutates it.
    package var value: Value
}
