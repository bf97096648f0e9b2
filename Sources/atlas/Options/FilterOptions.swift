import Foundation
import ArgumentParser
import AtlasGeo
import AtlasImport
import AtlasModel
import AtlasQuery

/// The incident filters shared by every query command.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Keep incidents on or after this date.", valueName: "YYYY-MM-DD"))
    var since: String?

    @Option(help: ArgumentHelp("Keep incidents on or before this date.", valueName: "YYYY-MM-DD"))
    var until: String?

    @Option(name: .customLong("type"), help: ArgumentHelp(
        "Keep this event type (repeatable): shelling, airstrike, clash, attack, … or a full ACLED name.", valueName: "type"))
    var types: [String] = []

    @Option(help: ArgumentHelp("Keep incidents whose actors contain this text (case-insensitive).", valueName: "text"))
    var actor: String?

    @Option(name: .customLong("not-actor"), help: ArgumentHelp("Drop incidents whose actors contain this text.", valueName: "text"))
    var notActor: String?

    @Option(name: .customLong("max-geo-precision"), help: ArgumentHelp(
        "Keep geo precision ≤ N (ACLED scale: 1 = exact place, 2 = near, 3 = region).", valueName: "N"))
    var maxGeoPrecision: Int?

    @Option(parsing: .unconditional, help: ArgumentHelp("Keep incidents inside this box (degrees; W > E crosses the antimeridian).", valueName: "W,S,E,N"))
    var bbox: String?

    @Option(help: ArgumentHelp("Keep incidents inside a loaded region (atlas regions load), else of this governorate (any spelling, code or p-code).", valueName: "name"))
    var region: String?

    @Option(help: ArgumentHelp("Keep incidents inside this polygon: a GeoJSON file or WKT text (lon lat).", valueName: "file|WKT"))
    var polygon: String?

    @OptionGroup var limit: LimitOption

    func validate() throws {
        if let maxGeoPrecision, !(1...3).contains(maxGeoPrecision) {
            throw ValidationError("--max-geo-precision must be 1, 2 or 3, got \(maxGeoPrecision)")
        }
    }

    /// The query these options describe (filters, box, areas, limit), with the governorate
    /// or region resolved in `database`. `--polygon` and `--region` both narrow: an incident
    /// must lie in each.
    func query(in backend: any AtlasBackend) throws -> IncidentQuery {
        var query = IncidentQuery()
        var filter = IncidentFilter()
        filter.since = try since.map(Self.date)
        filter.until = try until.map(Self.date)
        if let since = filter.since, let until = filter.until, since > until {
            throw FilterError.emptyDateRange(since: since.description, until: until.description)
        }
        filter.types = try IncidentFilter.resolveTypes(types)
        filter.actor = actor
        filter.notActor = notActor
        filter.maxGeoPrecision = maxGeoPrecision
        query.limit = limit.limit
        if let bbox { query.boundingBox = try BoxArgument.parse(bbox) }
        if let polygon { query.areas.append(try Self.area(polygon)) }
        if let region, let stored = try backend.regions.region(named: region) {
            query.areas.append(stored.shape)
            StandardError.print("region: \(stored.name) (loaded boundary, \(stored.shape.polygons.count) part\(stored.shape.polygons.count == 1 ? "" : "s"))")
        } else if let region {
            guard let match = try backend.gazetteer.admin1Keys(for: region) else {
                let known = try backend.gazetteer.admin1Records().map(\.name)
                throw GazetteerError.unknownAdmin1(region, known: known)
            }
            filter.admin1Keys = match.keys
            StandardError.print("region: \(match.record.name) governorate (incidents whose admin1 names it)")
        }
        query.filter = filter
        return query
    }

    /// A polygon from WKT text or a GeoJSON file (all its areas together).
    private static func area(_ argument: String) throws -> MultiPolygon {
        let upper = argument.trimmingCharacters(in: .whitespaces).uppercased()
        do {
            if upper.hasPrefix("POLYGON") || upper.hasPrefix("MULTIPOLYGON") || upper.hasPrefix("SRID=") {
                return try AreaParsing.wkt(argument)
            }
            guard argument == "-" || FileManager.default.isReadableFile(atPath: argument) else {
                throw ValidationError("--polygon \(argument): no such file (give a GeoJSON file or WKT text)")
            }
            let parsed: (areas: [AreaParsing.Area], problems: [(Int, String)])
            // InputError's text starts with the file name.
            do { parsed = try GeoJSONAreaFile.read(path: argument) } catch let error as InputError { throw InputProblem("--polygon \(error)") }
            if let (feature, problem) = parsed.problems.first { throw InputProblem("--polygon \(argument): feature \(feature): \(problem)") }
            guard !parsed.areas.isEmpty else { throw InputProblem("--polygon \(argument): no polygon in the file") }
            return MultiPolygon(parsed.areas.flatMap(\.shape.polygons))
        } catch let error as GeometryError {
            throw InputProblem("--polygon: \(error)")
        }
    }

    private static func date(_ text: String) throws -> ISODate {
        guard let date = ISODate(text) else { throw FilterError.badDate(text) }
        return date
    }
}

/// Parses `W,S,E,N` boxes.
enum BoxArgument {
    /// The box, or a `ValidationError` saying what is wrong.
    static func parse(_ text: String) throws -> BoundingBox {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 4 else { throw ValidationError("--bbox takes W,S,E,N (four numbers), got '\(text)'") }
        let names = ["west", "south", "east", "north"]
        var values: [Double] = []
        for (name, part) in zip(names, parts) {
            guard let value = DecimalNumber.value(part) else { throw ValidationError("--bbox \(name) '\(part)' is not a number") }
            values.append(value)
        }
        for index in [0, 2] where !(-180...180).contains(values[index]) {
            throw ValidationError("--bbox \(names[index]) \(values[index]) out of range [-180, 180]")
        }
        for index in [1, 3] where !(-90...90).contains(values[index]) {
            throw ValidationError("--bbox \(names[index]) \(values[index]) out of range [-90, 90]")
        }
        guard values[1] <= values[3] else { throw ValidationError("--bbox south \(values[1]) is north of north \(values[3])") }
        return BoundingBox(west: values[0], south: values[1], east: values[2], north: values[3])
    }
}
