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
    @Option(help: ArgumentHelp("The report's date (default: a date in the text, else today).", valueName: "YYYY-MM-DD")) var date: String?
    @Option(help: "Who published the report.") var source: String = ""
    @Option(help: "Where the report was published.") var url: String = ""
    @Option(help: ArgumentHelp("Actor aliases (default: geodata/actors.tsv).", valueName: "file")) var actors: String?
    @Flag(help: "Store the report and its incidents (idempotent).") var commit = false
    @Flag(name: .customLong("show-skipped"), help: "Also list the places mentioned that are not incidents, and why.") var showSkipped = false
    @Option(help: "Output format: table, geojson, geojsonl (or jsonl) or csv.") var format: OutputFormat = .table

    func run() throws {
        let data = try ByteSource.contents(of: report, maxBytes: InputLimits.maxWholeFileBytes)
        let text = try ReportText.decode(data, name: report)
        let given = try date.map { text -> ISODate in
            guard let parsed = ISODate(text) else { throw ValidationError("--date '\(text)' is not a real date of the form YYYY-MM-DD") }
            return parsed
        }
        let store = try commit ? database.openForWriting() : database.open()
        let actorTable = try ActorTable(path: actors ?? BundledGeodata.locate().actorsFile.path)
        let extractor = ReportExtractor(index: try GazetteerIndex(database: store), actors: actorTable)
        let extraction = try extractor.extract(text)
        let today = ISODate(ISO8601DateFormatter().string(from: Date()).prefix(10)) ?? ISODate(dayNumber: 0)
        let reportDate = ReportDate.find(in: text, given: given, today: today)
        StandardError.print("date: \(reportDate.date) (time precision \(reportDate.timePrecision): \(reportDate.note))")
        try ExtractionWriter(format: format).write(extraction, date: reportDate, to: ByteSink.standardOutput())
        if showSkipped {
            for skipped in extraction.skipped {
                StandardError.print("not an incident: \(skipped.mention) [\(skipped.offsets.lowerBound)-\(skipped.offsets.upperBound)] (\(skipped.placeName)): \(skipped.reason)")
            }
        }
        if extraction.candidates.isEmpty { StandardError.print("no incidents found (no known place with an event word in its sentence)") }
        if commit {
            let result = try ReportCommit(database: store).commit(extraction, text: text, date: reportDate, source: source, url: url)
            StandardError.print("committed: report \(result.reportID), \(result.inserted) new incidents, \(result.unchanged) already stored")
        }
    }
}

/// Writes extraction results.
struct ExtractionWriter {
    let format: OutputFormat

    func write(_ extraction: ReportExtractor.Extraction, date: ReportDate, to sink: ByteSink) throws {
        switch format {
        case .table:
            var table = TextTable(columns: [.init("place"), .init("location"), .init("kind"), .init("admin1"), .init("lat", alignRight: true),
                                            .init("lon", alignRight: true), .init("type"), .init("actor1"), .init("prec", alignRight: true),
                                            .init("offsets"), .init("resolution")])
            for c in extraction.candidates {
                table.append([c.place.name, c.location == c.place.name ? "" : c.location, "\(c.place.featureClass).\(c.place.featureCode)", c.place.admin1Name ?? c.place.admin1,
                              DecimalText.fixed(c.place.coordinate.latitude, digits: 5), DecimalText.fixed(c.place.coordinate.longitude, digits: 5),
                              c.subEventType, c.actor1, String(c.geoPrecision), "\(c.offsets.lowerBound)-\(c.offsets.upperBound)", c.resolution])
            }
            try sink.write(table.render() + "\(extraction.candidates.count) incident\(extraction.candidates.count == 1 ? "" : "s") on \(date.date)\n")
        case .geojson, .geojsonl:
            if format == .geojson { try sink.write("{\"type\":\"FeatureCollection\",\"features\":[") }
            for (index, c) in extraction.candidates.enumerated() {
                let properties = [
                    "\"place\":\(TextEscaping.jsonString(c.place.name))", "\"place_id\":\(c.place.id)",
                    "\"location\":\(TextEscaping.jsonString(c.location))", "\"admin1\":\(TextEscaping.jsonString(c.place.admin1Name ?? c.place.admin1))",
                    "\"note\":\(TextEscaping.jsonString(c.note))",
                    "\"mention\":\(TextEscaping.jsonString(c.mention))", "\"start\":\(c.offsets.lowerBound)", "\"end\":\(c.offsets.upperBound)",
                    "\"event_date\":\(TextEscaping.jsonString(date.date.description))", "\"time_precision\":\(date.timePrecision)",
                    "\"event_type\":\(TextEscaping.jsonString(c.eventType))", "\"sub_event_type\":\(TextEscaping.jsonString(c.subEventType))",
                    "\"actor1\":\(TextEscaping.jsonString(c.actor1))", "\"actor2\":\(TextEscaping.jsonString(c.actor2))",
                    "\"geo_precision\":\(c.geoPrecision)", "\"evidence\":\(TextEscaping.jsonString(c.evidence))",
                    "\"resolution\":\(TextEscaping.jsonString(c.resolution))",
                    "\"alternatives\":[" + c.alternatives.map { TextEscaping.jsonString("\($0.name) (\($0.admin1Name ?? $0.admin1))") }.joined(separator: ",") + "]",
                ].joined(separator: ",")
                let feature = "{\"type\":\"Feature\",\"id\":\(index + 1),\"geometry\":{\"type\":\"Point\",\"coordinates\":["
                    + "\(DecimalText.fixed(c.place.coordinate.longitude, digits: 6)),\(DecimalText.fixed(c.place.coordinate.latitude, digits: 6))]},"
                    + "\"properties\":{\(properties)}}"
                try sink.write(format == .geojson ? (index > 0 ? ",\n" : "\n") + feature : feature + "\n")
            }
            if format == .geojson { try sink.write("\n]}\n") }
        case .json:
            throw OutputError.unsupportedFormat(format, what: "extraction", supported: [.table, .geojson, .geojsonl, .csv])
        case .csv, .acled:
            try sink.write("place,place_id,latitude,longitude,event_date,event_type,sub_event_type,actor1,actor2,geo_precision,start,end,evidence,location,note\n")
            for c in extraction.candidates {
                let cells = [c.place.name, String(c.place.id), DecimalText.fixed(c.place.coordinate.latitude, digits: 6),
                             DecimalText.fixed(c.place.coordinate.longitude, digits: 6), date.date.description, c.eventType, c.subEventType,
                             c.actor1, c.actor2, String(c.geoPrecision), String(c.offsets.lowerBound), String(c.offsets.upperBound), c.evidence, c.location, c.note]
                try sink.write(cells.map(TextEscaping.csvField).joined(separator: ",") + "\n")
            }
        }
        try sink.flush()
    }
}
