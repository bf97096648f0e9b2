import AtlasImport
import AtlasModel
import NIOCore
import PostgresNIO

/// Imports an incident file into the PostGIS store: the same parsing, validation and
/// rejections as the SpatiaLite import (`IncidentFile`, `ImportTally` in AtlasImport), the rows
/// streamed with `COPY` into a temporary staging table and upserted from it by `source_key`
/// with the same rule as `PostGISIncidentWriter.upsert` (`ON CONFLICT`). Into an empty table
/// the rows are copied straight in, its secondary indexes built once at the end
/// (`EmptyTableLoad`): the same rows and ids, several times faster.
///
/// The whole file is one transaction, as in the SpatiaLite store: a failure (the server gone
/// mid-import) leaves nothing of it, and the import can simply be run again. `strict` with a
/// rejection, and `dryRun`, roll back; the counts are still those of the rows as written.
/// Each batch's COPY runs while the next batch is encoded (`CopyOverlap`).
struct PostGISImporter {
    let connection: PostGISConnection
    /// The folded governorate of an admin1 text (stored in `admin1_key`).
    let admin1Key: @Sendable (String) -> String
    /// False: always stage and upsert, even into an empty table (for the tests that hold the
    /// two paths to the same result).
    var loadsEmptyTableDirectly = true

    /// Rows sent per COPY (and upsert): large enough that the per-statement cost vanishes, small
    /// enough that the staging table stays in memory.
    static let rowsPerFlush = 8_192

    /// Imports `path` (`-` for standard input).
    ///
    /// - throws: `InputError` if the file cannot be read or its header lacks a required column
    ///   (a bad row is reported, not thrown); `PostGISError` on a database failure.
    func importFile(_ path: String, options: ImportOptions) throws -> ImportReport {
        let file = try IncidentFile(path: path, format: options.format)
        let context = "importing \(path)"
        var tally = ImportTally(path: path, progress: options.progress)
        let keepsNothing = { (report: ImportReport) in options.dryRun || (options.strict && report.rejected > 0) }
        return try connection.withTransaction(context, commit: { !keepsNothing($0) }) { session in
            try IncidentIDs.lock(in: session, context: context)
            let load = loadsEmptyTableDirectly ? try EmptyTableLoad.begin(in: session, context: context) : nil
            if load == nil {
                // Dropped at the end of the transaction, so a failed import leaves no staging table.
                try session.execute("""
                    CREATE TEMP TABLE atlas_import_stage ON COMMIT DROP AS
                    SELECT 0::bigint AS ord, \(IncidentRows.writtenColumns) FROM incident WITH NO DATA
                    """, context: context)
            }
            var copies = CopyOverlap(session: session, context: context)
            var staged = IncidentCopyText()
            var ordinal = 0
            // Rows of the staging table not yet upserted (their COPY may still be in flight).
            var unmerged = 0
            // A key met twice in one file is refused the second time (as in SQLite); this also
            // keeps one upsert statement from meeting a key twice, which PostgreSQL refuses.
            var keys = Set<String>()
            func merge() throws {
                guard unmerged > 0 else { return }
                try copies.settle()
                let (inserted, written) = try Self.upsertStaged(session, context: context)
                tally.count(inserted: inserted, updated: written - inserted, unchanged: unmerged - written)
                try session.execute("TRUNCATE atlas_import_stage", context: context)
                unmerged = 0
            }
            func flush() throws {
                guard staged.count > 0 else { return }
                if load != nil {
                    // The ordinals are the ids: the table was empty and every row is new.
                    try copies.send(staged.bytes, into: "incident", columns: IncidentCopyText.directColumns)
                } else {
                    try merge()
                    try copies.send(staged.bytes, into: "atlas_import_stage", columns: IncidentCopyText.columns)
                    unmerged = staged.count
                }
                staged.removeAll()
            }
            do {
                try file.batches { batch in
                    try tally.take(&batch) { batch, row in
                        if batch.numbers[row].needsPlace {
                            // Placed through the gazetteer on this transaction's session, once
                            // the COPY in flight has ended.
                            try copies.settle()
                            let (place, precision) = try LocationPlacing.place(
                                location: batch.string(.location, row: row) ?? "", admin1: batch.string(.admin1, row: row) ?? ""
                            ) { name, context in try PostGISNameLookup(session: session).find(name, in: context, limit: 1) }
                            batch.place(row: row, at: place, precision: precision)
                        }
                        guard keys.insert(batch.string(.sourceKey, row: row) ?? "").inserted else { return .repeated }
                        try staged.append(batch, row: row, ordinal: ordinal + 1, admin1Key: admin1Key(batch.string(.admin1, row: row) ?? ""))
                        ordinal += 1
                        return load != nil ? .inserted : .staged
                    }
                    if staged.count >= Self.rowsPerFlush { try flush() }
                }
                try flush()
                try merge()
                try copies.settle()
            } catch {
                copies.abandon()
                throw error
            }
            if keepsNothing(tally.report) {
                // The rollback brings the indexes back unbuilt; the sequence is left alone, as
                // a sequence's moves are not rolled back.
                tally.rollBack()
            } else {
                try load?.finish(in: session, context: context)
                try session.execute(IncidentIDs.syncSequence, context: context)
            }
            return tally.report
        }
    }

    /// Upserts the staging table into `incident`: new rows get the next ids in file order
    /// (`IncidentIDs`); a row whose key is stored is updated and keeps its id (the -ord it
    /// proposes is never stored). Returns (rows inserted, rows written).
    private static func upsertStaged(_ session: PostGISSession, context: String) throws -> (inserted: Int, written: Int) {
        let written = try session.rows(BoundSQL("""
            INSERT INTO incident AS old (id, \(IncidentRows.writtenColumns))
            SELECT CASE WHEN s.fresh THEN m.base + row_number() OVER (PARTITION BY s.fresh ORDER BY s.ord) ELSE -s.ord END,
                   \(IncidentRows.writtenColumns)
            FROM (SELECT st.*, NOT EXISTS (SELECT 1 FROM incident i WHERE i.source_key = st.source_key) AS fresh
                  FROM atlas_import_stage st) AS s,
                 (SELECT coalesce(max(id), 0) AS base FROM incident) AS m
            ORDER BY s.ord
            """ + PostGISIncidentWriter.onConflict), context: context)
        let inserted = try written.reduce(0) { $0 + (try $1.decode(Bool.self) ? 1 : 0) }
        return (inserted, written.count)
    }
}
