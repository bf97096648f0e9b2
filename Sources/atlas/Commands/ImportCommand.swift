import ArgumentParser
import AtlasModel
import AtlasQuery
import AtlasStore
import Foundation

extension ImportFormat: ExpressibleByArgument {}

/// `atlas import FILE`: ACLED, UCDP or the project's CSV.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import incidents (ACLED or UCDP GED CSV, the project's CSV, GeoJSON or JSON Lines); idempotent by upstream id.",
        discussion: """
            Every rejected row is reported as FILE:LINE: field: reason (the header is line 1). By default the \
            valid rows are committed; --strict commits nothing if any row is bad; --dry-run only reports.
            """)

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The CSV file, or - for standard input.") var file: String
    @Option(help: "acled, ucdp, csv, geojson or jsonl (default: from the extension, else the CSV header).") var format: ImportFormat?
    @Flag(help: "Commit nothing if any row is rejected (exit 1).") var strict = false
    @Flag(name: .customLong("dry-run"), help: "Validate and report without writing.") var dryRun = false
    @Option(help: ArgumentHelp("Also write the rejected rows' reasons to this CSV file.", valueName: "file")) var rejects: String?
    @OptionGroup var bulkOption: BulkOption

    func run() throws {
        var options = IncidentImporter.Options()
        options.format = format
        options.strict = strict
        options.dryRun = dryRun
        options.bulk = bulkOption.bulk
        if isatty(2) == 1 {
            let start = Date()
            options.progress = { rows, bytes, total in
                let seconds = max(Date().timeIntervalSince(start), 0.001)
                var line = "\r\(rows) rows, \(Int(Double(rows) / seconds)) rows/s"
                if let total, total > 0 { line += ", \(bytes * 100 / total) %" }
                FileHandle.standardError.write(Data(line.utf8))
            }
        }
        // Opened first: an unusable --rejects path must stop the import before it commits rows.
        let rejectsSink = try rejects.map { try ByteSink.file($0) }
        let report = try database.backend(forWriting: true).writer.importFile(file, options: options)
        if options.progress != nil { FileHandle.standardError.write(Data("\r".utf8)) }
        for rejection in report.rejections { StandardError.print(rejection.description) }
        if let rejectsSink {
            try rejectsSink.write(IncidentImporter.rejectionsCSV(report))
            try rejectsSink.flush()
        }
        StandardError.print("\(file): \(report.summary)")
        if strict && report.rejected > 0 { throw ExitCode.failure }
    }
}
