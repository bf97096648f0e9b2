/// How new incidents get their ids on PostGIS: the SQLite rule (the largest id plus one, in the
/// order the rows are written), so the same writes give the same ids on both backends.
///
/// An identity sequence would not: it is not rolled back, and `ON CONFLICT` takes a number for
/// every row it updates, so ids would drift after a dry run, a strict failure or a re-import.
/// Writers hold `lock` for their transaction (ids are read, then used) and leave the sequence
/// past the largest id, so rows inserted by other tools without an id do not collide.
enum IncidentIDs {
    /// Serializes incident writers until their transaction ends.
    static let lock = "SELECT pg_advisory_xact_lock(7247000003)"

    /// The next id, as a subquery (one row per statement).
    static let next = "(SELECT coalesce(max(id), 0) + 1 FROM incident)"

    /// Moves the identity sequence past the largest id.
    static let syncSequence = """
        SELECT setval(pg_get_serial_sequence('incident', 'id'), coalesce(max(id), 0) + 1, false) FROM incident
        """

    /// Takes the lock in `session` (inside its transaction).
    static func lock(in session: PostGISSession, context: String) throws {
        try session.execute(lock, context: context)
    }
}
