import AtlasImport
import ArgumentParser
import AtlasExtract
import AtlasModel
import AtlasQuery
import AtlasStore
import Foundation

/// `atlas extract REPORT.txt`: located incidents from a report, offline.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Find the incidents a report describes, located through the gazetteer; --commit stores them.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "The report as UTF-8 text, or - for standard input.") var report: String
    @OptionGroup var day: DayOption
    @Option(help: "Who published the report.") var source: String = ""
    @Option(help: "Where the report was published.") var url: String = ""
    @Option(help: ArgumentHelp("Actor aliases (default: geodata/actors.tsv).", valueName: "file")) var actors: String?
    @Flag(help: "Store the report and its incidents (idempotent).") var commit = false
    @Flag(name: .customLong("show-skipped"), help: "Also list the places mentioned that are not incidents, and why.") var showSkipped = false
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try output.require(ExtractionWriter.formats, for: "extract")
    }

    func run() throws {
        let data = try ByteSource.contents(of: report, maxBytes: InputLimits.maxWholeFileBytes)
        let text = try ReportText.decode(data, name: report)
        let given = try day.day()
        let store = try StoreForExtraction(database: database, forWriting: commit)
        let actorTable = try ActorTable(path: actors ?? BundledGeodata.locate().actorsFile.path)
        let extractor = ReportExtractor(index: try GazetteerIndex(names: store.names), actors: actorTable)
        let extraction = try extractor.extract(text)
        let today = ISODate(ISO8601DateFormatter().string(from: Date()).prefix(10)) ?? ISODate(dayNumber: 0)
        let reportDate = ReportDate.find(in: text, given: given, today: today)
        StandardError.print("date: \(reportDate.date) (time precision \(reportDate.timePrecision): \(reportDate.note))")
        try ExtractionWriter(format: output.format, precision: output.precision).write(extraction, date: reportDate, to: try output.sink())
        if showSkipped {
            for skipped in extraction.skipped {
                StandardError.print("not an incident: \(skipped.mention) [\(skipped.offsets.lowerBound)-\(skipped.offsets.upperBound)] (\(skipped.placeName)): \(skipped.reason)")
            }
        }
        if extraction.candidates.isEmpty { StandardError.print("no incidents found (no known place with an event word in its sentence)") }
        if commit {
            let result = try ReportCommit(reports: store.reports, writer: store.writer).commit(extraction, text: text, date: reportDate, source: source, url: url)
            StandardError.print("committed: report \(result.reportID), \(result.inserted) new incidents, \(result.unchanged) already stored")
        }
    }
}
