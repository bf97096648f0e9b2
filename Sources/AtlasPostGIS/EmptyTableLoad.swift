/// The first import into an empty `incident` table: its rows are copied straight into the
/// table with its indexes and unique constraints dropped, and all of them are built once at the
/// end.
///
/// Why: building an index over a million rows at once (a sort, then the tree bottom-up) costs
/// a fraction of inserting the rows one by one into it, and an empty table needs no staging
/// table or upsert (every row is new; the importer has refused keys repeated within the file).
/// The ids are those the staging path would give, 1…n in file order.
///
/// All of it happens inside the import's transaction, under `ACCESS EXCLUSIVE` (readers wait;
/// nobody sees the table without its indexes). DDL is transactional in PostgreSQL, so a
/// rollback (an error, `--strict` with a rejection, `--dry-run`, a lost connection) brings back
/// the indexes and constraints exactly as they were, and the table empty.
///
/// The primary key and `UNIQUE (source_key)` are checked once, when `finish` adds them back:
/// a duplicate there fails the import, which then rolls back whole. Unique indexes that no
/// constraint owns are kept while loading (their definitions may be partial or on
/// expressions; they are not the store's own).
struct EmptyTableLoad {
    /// A dropped index: its name as the server quotes it (schema-qualified) and its definition
    /// (`pg_get_indexdef`), run again at the end. Both come from the catalog, not from input.
    struct Index: Equatable {
        let name: String
        let definition: String
    }

    /// A dropped primary-key or unique constraint: its name as the server quotes it and its
    /// definition (`pg_get_constraintdef`), added again at the end. Both from the catalog.
    struct Constraint: Equatable {
        let name: String
        let definition: String
    }

    /// The indexes dropped for the load.
    let indexes: [Index]
    /// The constraints dropped for the load, with their indexes.
    let constraints: [Constraint]

    /// Memory for the index builds at the end (for this transaction only).
    static let buildMemory = "SET LOCAL maintenance_work_mem = '256MB'"

    /// The non-unique indexes of `incident` that no constraint uses.
    static let secondaryIndexes = """
        SELECT format('%I.%I', n.nspname, c.relname), pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        JOIN pg_class c ON c.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE i.indrelid = 'incident'::regclass AND NOT i.indisunique
          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
        ORDER BY c.relname
        """

    /// The primary-key and unique constraints of `incident` that no foreign key refers to (one
    /// that does, from a table of the user's, keeps its constraint and index), the primary key
    /// first.
    static let uniqueConstraints = """
        SELECT format('%I', k.conname), pg_get_constraintdef(k.oid)
        FROM pg_constraint k
        WHERE k.conrelid = 'incident'::regclass AND k.contype IN ('p', 'u')
          AND NOT EXISTS (SELECT 1 FROM pg_constraint f
                          WHERE f.contype = 'f' AND f.confrelid = k.conrelid AND f.conindid = k.conindid)
        ORDER BY k.contype, k.conname
        """

    /// When `incident` has no rows and the session may drop its indexes (the table's owner or
    /// a member of its role): locks it, drops its indexes and unique constraints and returns the load (the
    /// caller copies into `incident`, then calls `finish`). Otherwise nil: the caller stages
    /// and upserts, as a writer with only INSERT and UPDATE rights always does. Runs in the
    /// import's transaction, after `IncidentIDs.lock`.
    static func begin(in session: PostGISSession, context: String) throws -> EmptyTableLoad? {
        guard try isEmptyAndOwned(session, context: context) else { return nil }
        try session.execute("LOCK TABLE incident IN ACCESS EXCLUSIVE MODE", context: context)
        // Again under the lock: a tool that writes without the id lock may have added rows.
        guard try isEmptyAndOwned(session, context: context) else { return nil }
        let indexes = try session.rows(BoundSQL(secondaryIndexes), context: context).map { row in
            let (name, definition) = try row.decode((String, String).self)
            return Index(name: name, definition: definition)
        }
        let constraints = try session.rows(BoundSQL(uniqueConstraints), context: context).map { row in
            let (name, definition) = try row.decode((String, String).self)
            return Constraint(name: name, definition: definition)
        }
        for index in indexes {
            try session.execute("DROP INDEX \(index.name)", context: context)
        }
        for constraint in constraints {
            try session.execute("ALTER TABLE incident DROP CONSTRAINT \(constraint.name)", context: context)
        }
        return EmptyTableLoad(indexes: indexes, constraints: constraints)
    }

    /// Adds the dropped constraints again (checking them over the loaded rows) and builds the
    /// dropped indexes.
    ///
    /// - throws: `PostGISError.server` if a loaded row breaks a constraint (the caller's
    ///   transaction then rolls the whole load back).
    func finish(in session: PostGISSession, context: String) throws {
        guard !indexes.isEmpty || !constraints.isEmpty else { return }
        try session.execute(Self.buildMemory, context: context)
        for constraint in constraints {
            try session.execute("ALTER TABLE incident ADD CONSTRAINT \(constraint.name) \(constraint.definition)", context: context)
        }
        for index in indexes {
            try session.execute(index.definition, context: context)
        }
    }

    /// No row in `incident`, and the ownership check of DROP INDEX would pass (`USAGE` of the
    /// owning role is what PostgreSQL's own check asks; superusers have it).
    private static func isEmptyAndOwned(_ session: PostGISSession, context: String) throws -> Bool {
        let rows = try session.rows(BoundSQL("""
            SELECT NOT EXISTS (SELECT 1 FROM incident) AND pg_has_role(c.relowner, 'USAGE')
            FROM pg_class c WHERE c.oid = 'incident'::regclass
            """), context: context)
        return try rows.first?.decode(Bool.self) ?? false
    }
}
