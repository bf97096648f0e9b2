import AtlasGeo
import AtlasImport
import AtlasModel
import Foundation
import GRDB

/// Imports incident files (ACLED or UCDP CSV, the project's CSV, GeoJSON, JSON Lines):
/// streaming, any column order, extra columns kept, idempotent by
/// `source_key`, and honest about every rejected row.
///
/// The whole file goes in one transaction. By default the valid rows are committed and the
/// rest reported; `strict` commits nothing if any row is bad; `dryRun` validates and counts
/// (inserted/updated/unchanged as they would be) and commits nothing.
public struct IncidentImporter: Sendable {
    /// How to import.
    public typealias Options = ImportOptions

    private let database: SpatialDatabase

    /// An importer writing into `database`.
    public init(database: SpatialDatabase) {
        self.database = database
    }

    /// Imports `path` (`-` for standard input).
    ///
    /// - throws: `InputError` if the file cannot be read or its header lacks a required
    ///   column (a bad row is not thrown: it is reported); `StoreError` on a database failure.
    public func importFile(_ path: String, options: Options = Options()) throws -> ImportReport {
        let file = try IncidentFile(path: path, format: options.format)
        let placer = LocationPlacer(sidecars: database.sidecars)
        // Large files: secondary indexes dropped and rebuilt once, rollback journal (BulkJournal).
        let bulk = options.bulk ?? ((file.totalBytes ?? 0) >= GazetteerLoader.bulkThresholdBytes)
        if bulk { database.closeIdleReaders() }
        var tally = ImportTally(path: path, progress: options.progress)
        try database.writeWithoutTransaction { db in
            try BulkWriteSettings.apply(to: db)
            defer { BulkWriteSettings.reset(db) }
            try BulkJournal.run(on: db, enabled: bulk) {
                try db.inTransaction {
                    // Secondary indexes are rebuilt once from sorted data at the end (in this
                    // transaction, so a rollback restores them too).
                    let indexes = bulk ? try SecondaryIndexes.drop(on: ["incident"], in: db) : nil
                    let writer = try IncidentUpsertWriter(db, rejectsRepeats: true)
                    // Parsing and validation run on a second thread while this one writes.
                    try file.batches { batch in
                        try tally.take(&batch) { batch, row in
                            if batch.numbers[row].needsPlace {
                                let (place, precision) = try placer.place(location: batch.string(.location, row: row) ?? "",
                                                                          admin1: batch.string(.admin1, row: row) ?? "", in: db)
                                batch.place(row: row, at: place, precision: precision)
                            }
                            return try writer.write(batch, row: row)
                        }
                    }
                    // The R*Tree is packed on the other core while this one rebuilds the indexes.
                    try writer.prepareFinish()
                    try indexes?.recreate()
                    try writer.finish()
                    if options.dryRun || (options.strict && tally.report.rejected > 0) {
                        tally.rollBack()
                        return .rollback
                    }
                    return .commit
                }
            }
        }
        return tally.report
    }

    /// Writes `report`'s rejections as CSV (`file,line,field,reason`) to `path`.
    public static func writeRejections(_ report: ImportReport, to path: String) throws {
        let text = rejectionsCSV(report)
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw InputError.unreadable(file: path, reason: "cannot write rejections: \(error.localizedDescription)")
        }
    }

    /// `report`'s rejections as CSV text: a `file,line,field,reason` header and a row each.
    public static func rejectionsCSV(_ report: ImportReport) -> String {
        var text = "file,line,field,reason\n"
        for rejection in report.rejections {
            let cells = [rejection.file, String(rejection.line), rejection.field, rejection.reason]
            text += cells.map { $0.contains(where: { ",\"\n".contains($0) }) ? "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : $0 }
                .joined(separator: ",") + "\n"
        }
        return text
    }
}
