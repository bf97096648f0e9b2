import AtlasGeo
import AtlasModel
import AtlasPostGIS
import AtlasQuery
import AtlasTestSupport
import Foundation
import Testing

/// The first import into an empty PostGIS store copies straight into `incident` and builds its
/// indexes and unique constraints at the end; any other import stages and upserts. The staging path is the
/// oracle: forced on for the same file into another empty store, it must leave every column of
/// every row equal (ids included), the same report and the same identity sequence. A rolled-back
/// import into an empty store must leave it empty with its original indexes (the same objects)
/// and constraints,
/// and a second import of the same file must add nothing.
///
/// Its own databases, so it runs beside the suites that use `atlas_test`.
@Suite(.serialized, .enabled(if: TestPostgres.enabled, "set ATLAS_TEST_POSTGRES_URL (scripts/postgis-cluster start)"))
final class EmptyTableImportTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-empty-import-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// A new store in database `name`, with a two-place gazetteer (Aleppo and Sheikh Maqsoud)
    /// for the rows without coordinates; returns the backend and the database URL.
    private func store(_ name: String) throws -> (PostGISBackend, String) {
        let url = try TestPostgres.freshDatabase(name)
        let backend = try PostGISBackend(url: url, mode: .create, admin1Key: NameFolding.key)
        func entry(_ id: Int64, _ name: String, _ latitude: Double, _ longitude: Double, _ code: String) -> GazetteerEntry {
            GazetteerEntry(
                place: Place(id: id, name: name, coordinate: Coordinate(latitude: latitude, longitude: longitude), featureClass: "P",
                             featureCode: code, country: "SY", admin1: "09", admin1Name: nil, population: 0, importance: 0, source: "test"),
                asciiName: name, admin2: "", sourceKey: "test:\(id)",
                spellings: [.init(name: name, key: NameFolding.key(name), language: "", isPreferred: true)])
        }
        _ = try backend.loadGazetteer(admin1: [Admin1Record(country: "SY", code: "09", name: "Aleppo", asciiName: "Aleppo")],
                                      places: [entry(170063, "Aleppo", 36.20124, 37.16117, "PPLA"),
                                               entry(170064, "Sheikh Maqsoud", 36.2261, 37.1552, "PPLX")],
                                      context: "test gazetteer")
        return (backend, url)
    }

    /// Writes `lines` to a file named `name` in the test folder.
    private func file(_ name: String, _ lines: [String]) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// An ACLED row without coordinates, placed through the gazetteer by its location.
    private static func unplaced(_ id: String, location: String) -> String {
        ACLEDRows.row(id, lat: "", lon: "").replacingOccurrences(of: "Aleppo - Sheikh Maqsoud", with: location)
    }

    /// More rows than three COPY batches, among them keys repeated within the file, rows the
    /// gazetteer places, one it cannot, bad rows of every kind and a text with a NUL byte.
    private func mixedFile() throws -> String {
        var lines = ACLEDRows.badRows
        lines += ImportCrossCheckTests.generatedRows(count: 20_000, seed: 41)
        lines += [
            ACLEDRows.row("GEN17", notes: "repeated key"), ACLEDRows.row("SYR9"),
            Self.unplaced("PLACED1", location: "Aleppo - Sheikh Maqsoud"), Self.unplaced("PLACED2", location: "Shaykh Maqsud"),
            Self.unplaced("UNPLACED", location: "Nowhere - Atlantis"),
            ACLEDRows.row("NUL1", notes: "a\u{0}b"),
            ACLEDRows.row("AFTER1", notes: "after the rejections"),
        ]
        lines += ImportCrossCheckTests.generatedRows(count: 300, seed: 42).map { $0.replacingOccurrences(of: "GEN", with: "LATE") }
        return try file("mixed.csv", lines)
    }

    /// Every row of `incident` whole (the record's text: every column, the point as EWKB) in
    /// id order, and the identity sequence's state.
    private func contents(_ url: String) throws -> [String] {
        try TestPostgres.strings("SELECT i::text FROM incident i ORDER BY id", on: url)
            + TestPostgres.strings("SELECT nextval(pg_get_serial_sequence('incident', 'id'))::text", on: url)
    }

    /// The indexes of `incident`: name, definition and object id (a rebuilt index has a new one).
    private func indexes(_ url: String) throws -> [String] {
        try TestPostgres.strings("""
            SELECT indexname || ' ' || indexdef || ' ' || (quote_ident(schemaname) || '.' || quote_ident(indexname))::regclass::oid
            FROM pg_indexes WHERE tablename = 'incident' ORDER BY indexname
            """, on: url)
    }

    /// The constraints of `incident`: name, kind (p, u, c…) and definition.
    private func constraints(_ url: String) throws -> [String] {
        try TestPostgres.strings("""
            SELECT conname || ' ' || contype::text || ' ' || pg_get_constraintdef(oid)
            FROM pg_constraint WHERE conrelid = 'incident'::regclass ORDER BY conname
            """, on: url)
    }

    @Test func directLoadGivesTheRowsAndReportOfTheStagingPath() throws {
        let (direct, directURL) = try store("atlas_empty_direct_test")
        let (staged, stagedURL) = try store("atlas_empty_staged_test")
        let indexesBefore = try indexes(directURL)
        let constraintsBefore = try constraints(directURL)
        let path = try mixedFile()

        let report = try direct.writer.importFile(path, options: ImportOptions())
        let expected = try staged.importFileThroughStaging(path, options: ImportOptions())
        #expect(report.summary == expected.summary)
        #expect(report.rejections == expected.rejections)
        // SYR1 and SYR9, the generated rows, the two placed, AFTER1 and the late rows.
        #expect(report.inserted == 2 + 20_000 + 2 + 1 + 300)
        #expect(report.rejections.contains { $0.reason.contains("appears twice") })
        #expect(report.rejections.contains { $0.field == "location" })
        #expect(try contents(directURL) == (try contents(stagedURL)))
        #expect(try direct.incidents.incidents(IncidentQuery()) == (try staged.incidents.incidents(IncidentQuery())))

        // The direct load rebuilt every index (each a new object, with the same definition) and
        // added the primary key and UNIQUE (source_key) back as they were.
        let indexesAfter = try indexes(directURL)
        #expect(indexesAfter.count == indexesBefore.count)
        let objects = { (lines: [String]) in Set(lines.map { $0.split(separator: " ").last.map(String.init) ?? "" }) }
        #expect(objects(indexesAfter).isDisjoint(with: objects(indexesBefore)))
        let definitions = { (lines: [String]) in lines.map { $0.split(separator: " ").dropLast().joined(separator: " ") } }
        #expect(definitions(indexesAfter) == definitions(indexesBefore))
        #expect(try constraints(directURL) == constraintsBefore)
        #expect(constraintsBefore.filter { $0.contains(" p ") || $0.contains(" u ") }.count == 2)

        // Newer revisions of a third of the rows and new ones: staged and upserted on both.
        let newer = [ACLEDRows.header] + ImportCrossCheckTests.generatedRows(count: 20_000, seed: 41, timestamp: 1_700_000_000)
            .enumerated().filter { $0.offset % 3 == 0 }.map(\.element) + [ACLEDRows.row("NEW1"), Self.unplaced("PLACED3", location: "Aleppo")]
        let updates = try file("newer.csv", newer)
        let second = try direct.writer.importFile(updates, options: ImportOptions())
        #expect(second.summary == (try staged.importFileThroughStaging(updates, options: ImportOptions())).summary)
        #expect(second.updated == 6_667 && second.inserted == 2)
        #expect(try contents(directURL) == (try contents(stagedURL)))
    }

    @Test func aRolledBackLoadLeavesTheEmptyTableWithItsIndexes() throws {
        let (backend, url) = try store("atlas_empty_rollback_test")
        let before = try indexes(url)
        let constraintsBefore = try constraints(url)
        let sequenceBefore = try TestPostgres.strings("SELECT last_value::text || ' ' || is_called::text FROM incident_id_seq", on: url)
        let path = try file("strict.csv", [ACLEDRows.header] + ImportCrossCheckTests.generatedRows(count: 10_000, seed: 9)
                                          + [ACLEDRows.row("BAD", lat: "95.5")])
        var strict = ImportOptions()
        strict.strict = true
        let refused = try backend.writer.importFile(path, options: strict)
        #expect(refused.rolledBack && refused.inserted == 10_000 && refused.rejected == 1)
        var dry = ImportOptions()
        dry.dryRun = true
        let tried = try backend.writer.importFile(path, options: dry)
        #expect(tried.rolledBack && tried.inserted == 10_000)
        #expect(try TestPostgres.strings("SELECT count(*)::text FROM incident", on: url) == ["0"])
        #expect(try indexes(url) == before)
        #expect(try constraints(url) == constraintsBefore)
        #expect(try TestPostgres.strings("SELECT last_value::text || ' ' || is_called::text FROM incident_id_seq", on: url) == sequenceBefore)

        // Kept this time; then the same file again adds and changes nothing.
        let first = try backend.writer.importFile(path, options: ImportOptions())
        #expect(!first.rolledBack && first.inserted == 10_000 && first.rejected == 1)
        let stored = try TestPostgres.strings("SELECT i::text FROM incident i ORDER BY id", on: url)
        let again = try backend.writer.importFile(path, options: ImportOptions())
        #expect(again.inserted == 0 && again.updated == 0 && again.unchanged == 10_000)
        #expect(try TestPostgres.strings("SELECT i::text FROM incident i ORDER BY id", on: url) == stored)
        #expect(try indexes(url).count == before.count)
    }

    @Test func aPrimaryKeyAForeignKeyRefersToIsKeptThroughTheLoad() throws {
        let (backend, url) = try store("atlas_empty_foreign_key_test")
        try TestPostgres.execute(["CREATE TABLE analyst_note (incident_id bigint REFERENCES incident (id), note text)"], on: url)
        let before = try constraints(url)
        let path = try file("referenced.csv", [ACLEDRows.header] + ImportCrossCheckTests.generatedRows(count: 1_000, seed: 5))
        let report = try backend.writer.importFile(path, options: ImportOptions())
        #expect(report.inserted == 1_000 && report.rejected == 0)
        #expect(try constraints(url) == before)
        try TestPostgres.execute(["INSERT INTO analyst_note VALUES (1, 'seen')"], on: url)
    }

    @Test func aWriterThatDoesNotOwnTheTableStagesIntoItEvenEmpty() throws {
        let (_, url) = try store("atlas_empty_writer_test")
        // A role with the rights a writer needs (read, insert, update, the sequence), not the
        // table's owner: it may not drop the indexes, so its import stages and upserts.
        try TestPostgres.execute(["DROP ROLE IF EXISTS atlas_import_writer", "CREATE ROLE atlas_import_writer LOGIN"],
                                 on: try TestPostgres.url(try TestPostgres.requireURL(), database: "postgres"))
        try TestPostgres.execute(["GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO atlas_import_writer",
                                  "GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA public TO atlas_import_writer"], on: url)
        let server = try PostgresURL(url)
        let writer = try PostGISBackend(url: "postgresql://atlas_import_writer@\(server.host):\(server.port)/\(server.database)")
        let before = try indexes(url)
        let path = try file("writer.csv", [ACLEDRows.header] + ImportCrossCheckTests.generatedRows(count: 1_000, seed: 3))
        let report = try writer.writer.importFile(path, options: ImportOptions())
        #expect(report.inserted == 1_000 && report.rejected == 0)
        #expect(try TestPostgres.strings("SELECT count(*)::text || ' ' || min(id)::text || ' ' || max(id)::text FROM incident", on: url)
                == ["1000 1 1000"])
        #expect(try indexes(url) == before)
    }
}
