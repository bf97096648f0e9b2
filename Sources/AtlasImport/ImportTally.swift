import AtlasModel

/// What a store did with one valid row of an import file.
package enum RowOutcome: Sendable {
    /// A new key: the row was added.
    case inserted
    /// A stored key whose row was newer (timestamp) or different: the row was replaced.
    case updated
    /// A stored key whose row was not newer or was identical: nothing was written.
    case unchanged
    /// A key met earlier in the same file: rejected, nothing written.
    case repeated
    /// Accepted and kept for a later statement that writes many rows at once; the store adds
    /// its counts with `ImportTally.count`.
    case staged
}

/// The report of an import as its batches are written: every row counted once, and the
/// rejections (the parser's and the store's) in file order, as `FILE:LINE: field: reason`.
package struct ImportTally {
    /// The report so far.
    package private(set) var report = ImportReport()
    private let path: String
    private let progress: (@Sendable (Int, Int, Int?) -> Void)?

    /// A tally for the file at `path`; `progress` is called every 50,000 rows.
    package init(path: String, progress: (@Sendable (Int, Int, Int?) -> Void)?) {
        self.path = path
        self.progress = progress
    }

    /// Goes through `batch` in file order: reports the rows the parser refused and gives every
    /// other row to `write`, which stores it (or stages it) and says what happened, or throws a
    /// `RowError` for a row the store cannot take (reported, the import goes on). Any other
    /// error stops the import.
    package mutating func take(_ batch: inout IncidentBatch, write: (inout IncidentBatch, Int) throws -> RowOutcome) throws {
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
            if report.read % 50_000 == 0 { progress?(report.read, batch.progress.read, batch.progress.total) }
            let line = batch.numbers[row].line
            do {
                switch try write(&batch, row) {
                case .inserted: report.inserted += 1
                case .updated: report.updated += 1
                case .unchanged: report.unchanged += 1
                case .staged: break
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

    /// Adds the outcome of rows written together after they were `.staged`.
    package mutating func count(inserted: Int, updated: Int, unchanged: Int) {
        report.inserted += inserted
        report.updated += updated
        report.unchanged += unchanged
    }

    /// Marks the import as committing nothing (`--strict` with rejections, or `--dry-run`).
    package mutating func rollBack() {
        report.rolledBack = true
    }
}

extension RowError {
    /// The rejection of a row with no coordinates whose location the gazetteer does not know.
    package static func notInGazetteer(_ location: String) -> RowError {
        RowError(field: "location", reason: "'\(InputExcerpt.of(location))' is not in the gazetteer; give latitude and longitude")
    }
}
