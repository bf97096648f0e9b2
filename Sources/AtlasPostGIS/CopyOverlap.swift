import NIOCore

/// At most one COPY of an import in flight, so the calling thread encodes the next batch while
/// the server reads the previous one (the two are the import's main costs, and a two-core
/// machine has a core for each).
///
/// One at a time because the connection runs one statement at a time: `send` first waits for
/// the COPY before it, and so must anyone who sends another statement (`settle`). An error of
/// the COPY surfaces at that wait, with the context it was sent with.
struct CopyOverlap {
    private let session: PostGISSession
    private let context: String
    private var pending: PendingCopy?

    /// COPYs on `session`; `context` names the work in error messages (`importing FILE`).
    init(session: PostGISSession, context: String) {
        self.session = session
        self.context = context
    }

    /// Waits for the COPY in flight, if any: then the session is free for a statement.
    ///
    /// - throws: that COPY's error (`PendingCopy.wait`).
    mutating func settle() throws {
        guard let copy = pending else { return }
        pending = nil
        try copy.wait()
    }

    /// Sends `rows` (COPY text) into `columns` of `table` once the COPY before has ended, and
    /// returns without waiting for this one. The bytes are copied: the caller may reuse `rows`.
    mutating func send(_ rows: [UInt8], into table: String, columns: [String]) throws {
        try settle()
        pending = session.startCopy(into: table, columns: columns, data: ByteBuffer(bytes: rows), context: context)
    }

    /// After an error elsewhere: waits for the COPY in flight, its outcome ignored (the first
    /// error is the one reported), so nothing else is sent while it runs.
    mutating func abandon() {
        try? settle()
    }
}
