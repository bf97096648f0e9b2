import AtlasGeo
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
        var source: any RowSource
        let format: ImportFormat
        let mapper: any RowMapper
        switch options.format ?? ImportFormat.guess(path: path) {
        case .geojson?:
            (source, format, mapper) = (try GeoJSONRowSource(path: path), .geojson, ProjectRowMapper())
        case .jsonl?:
            (source, format, mapper) = (JSONLinesRowSource(lines: try LineReader(path: path)), .jsonl, ProjectRowMapper())
        case let csvFormat:
            (source, format, mapper) = try Self.csvRows(try CSVReader(path: path), path: path, format: csvFormat)
        }
        let placer = LocationPlacer(sidecars: database.sidecars)
        // Large files: secondary indexes dropped and rebuilt once, rollback journal (BulkJournal).
        let bulk = options.bulk ?? ((source.progress.total ?? 0) >= GazetteerLoader.bulkThresholdBytes)
        if bulk { database.closeIdleReaders() }
        var report = ImportReport()
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
                    try BatchPipeline.run(produce: Self.parsing(Handoff(value: (source, mapper))), consume: { batches in
                        for var batch in batches {
                            var rejection = 0
                            func reportRejections(before row: Int) {
                                while rejection < batch.rejections.count, batch.rejections[rejection].beforeRow <= row {
                                    let refused = batch.rejections[rejection]
                                    report.read += 1
                                    report.rejections.append(.init(file: path, line: refused.line, field: refused.field, reason: refused.reason))
                                    rejection += 1
                                }
                            }
                            for row in 0..<batch.count {
                                reportRejections(before: row)
                                report.read += 1
                                if report.read % 50_000 == 0 { options.progress?(report.read, batch.progress.read, batch.progress.total) }
                                let line = batch.numbers[row].line
                                do {
                                    if batch.numbers[row].needsPlace {
                                        let (place, precision) = try placer.place(location: batch.string(.location, row: row) ?? "",
                                                                                  admin1: batch.string(.admin1, row: row) ?? "", in: db)
                                        batch.place(row: row, at: place, precision: precision)
                                    }
                                    switch try writer.write(batch, row: row) {
                                    case .inserted: report.inserted += 1
                                    case .updated: report.updated += 1
                                    case .unchanged: report.unchanged += 1
                                    case .repeated:
                                        report.rejections.append(.init(file: path, line: line, field: "source_key",
                                            reason: "'\(InputExcerpt.of(batch.string(.sourceKey, row: row) ?? ""))' appears twice in this file"))
                                    }
                                } catch let error as RowError {
                                    report.rejections.append(.init(file: path, line: line, field: error.field, reason: error.reason))
                                }
                            }
                            reportRejections(before: Int.max)
                        }
                    })
                    // The R*Tree is packed on the other core while this one rebuilds the indexes.
                    try writer.prepareFinish()
                    try indexes?.recreate()
                    try writer.finish()
                    if options.dryRun || (options.strict && report.rejected > 0) {
                        report.rolledBack = true
                        return .rollback
                    }
                    return .commit
                }
            }
        }
        return report
    }

    /// Rows per batch handed from the parsing thread to the writing thread, and the text bytes
    /// after which a batch goes early (rows with very long notes).
    private static let batchRows = 1024
    private static let batchBytes = 4 << 20

    /// The parsing stage: reads rows from the source and maps them into batches.
    /// The rows of the CSV file `reader` reads, under its header, with the format (`format`, or
    /// guessed from the header) and that format's mapper. `path` names the file in messages.
    ///
    /// - throws: `InputError.malformed` for an empty file or a header without a column the
    ///   format needs; what reading the header throws.
    static func csvRows(_ reader: CSVReader, path: String, format: ImportFormat?) throws -> (CSVRowSource, ImportFormat, any RowMapper) {
        guard let header = try reader.next() else {
            throw InputError.malformed(file: path, line: nil, reason: "the file is empty; expected a CSV header")
        }
        let names = header.fields.map { $0.trimmingASCIISpaces().lowercased() }
        var columns: [String: Int] = [:]
        for (index, name) in names.enumerated() where columns[name] == nil { columns[name] = index }
        let format = format ?? ImportFormat.guess(header: names)
        let mapper: any RowMapper, required: [String]
        switch format {
        case .acled: (mapper, required) = (ACLEDRowMapper(), ["event_date", "event_type", "latitude", "longitude"])
        case .ucdp: (mapper, required) = (UCDPRowMapper(), ["id", "date_start", "type_of_violence", "latitude", "longitude"])
        default: (mapper, required) = (ProjectRowMapper(), ["event_date", "event_type"])
        }
        for column in required where columns[column] == nil {
            throw InputError.malformed(file: path, line: 1,
                reason: "header has no '\(column)' column, which \(format.rawValue) files need (found: \(InputExcerpt.of(names.joined(separator: ","), limit: 200)))")
        }
        let source = CSVRowSource(reader: reader, layout: ColumnLayout(columns: columns, mapped: type(of: mapper).mapped), width: names.count)
        return (source, format, mapper)
    }

    private static func parsing(_ handoff: Handoff<(any RowSource, any RowMapper)>) -> @Sendable (([IncidentBatch]) -> Bool) throws -> Void {
        { emit in
            var (source, mapper) = handoff.value
            var batch = IncidentBatch(rows: batchRows, bytesPerRow: 512)
            while let (line, parsed) = try source.next() {
                switch parsed {
                case let .failure(error):
                    batch.reject(line: line, field: error.field, reason: error.reason)
                case let .success(row):
                    do {
                        try mapper.append(row, to: &batch)
                    } catch let error as RowError {
                        batch.reject(line: line, field: error.field, reason: error.reason)
                    }
                }
                if batch.count + batch.rejections.count >= batchRows || batch.byteCount >= batchBytes {
                    batch.progress = source.progress
                    guard emit([batch]) else { return }
                    batch = IncidentBatch(rows: batchRows, bytesPerRow: 512)
                }
            }
            if batch.count + batch.rejections.count > 0 {
                batch.progress = source.progress
                _ = emit([batch])
            }
        }
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
