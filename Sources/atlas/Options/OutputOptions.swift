import ArgumentParser
import AtlasQuery

extension OutputFormat: ExpressibleByArgument {
    /// The format named `argument`; `jsonl` and `ndjson` are accepted for GeoJSON Lines too.
    public init?(argument: String) {
        switch argument.lowercased() {
        case "jsonl", "ndjson", "geojsonseq": self = .geojsonl
        case let name: self.init(rawValue: name)
        }
    }
}

/// `--format`, `-o` and `--precision`, shared by every listing command.
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: table, geojson, geojsonl (or jsonl), csv, acled (incident listings) or json (stats).")
    var format: OutputFormat = .table

    @Option(name: .short, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: "Decimal places of coordinates (6 is about 0.1 m).")
    var precision: Int = 6

    func validate() throws {
        guard (0...15).contains(precision) else {
            throw ValidationError("--precision must be between 0 and 15, got \(precision)")
        }
    }

    /// Refuses a `--format` that `what` cannot be written in, naming the ones it can.
    func require(_ formats: [OutputFormat], for what: String) throws {
        guard formats.contains(format) else {
            throw ValidationError("--format \(format.rawValue) is not available for \(what); use \(formats.map(\.rawValue).joined(separator: ", "))")
        }
    }

    /// The sink the output goes to.
    func sink() throws -> ByteSink {
        if let output, output != "-" { return try ByteSink.file(output) }
        return ByteSink.standardOutput()
    }
}
