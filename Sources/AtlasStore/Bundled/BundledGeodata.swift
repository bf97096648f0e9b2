import AtlasImport
import AtlasModel
import Foundation

/// The default data shipped in the repository's `geodata/` folder, loaded by `atlas init`.
///
/// The folder is found, in order: `$ATLAS_GEODATA`; a `geodata/` folder beside the executable
/// or in any folder above it (a release build lives in `<repo>/.build/release/`); `./geodata`.
public struct BundledGeodata: Sendable {
    /// The folder holding the files.
    public let directory: URL

    /// Governorates, in GeoNames `admin1CodesASCII` format plus Arabic name, p-code, aliases.
    public var admin1File: URL { directory.appendingPathComponent("syria-admin1.tsv") }
    /// Syrian populated places in GeoNames dump format, derived from GeoNames `cities500`.
    public var placesFile: URL { directory.appendingPathComponent("syria-places.txt") }
    /// The rest of Syria: Who's On First places with a GeoNames id not in `placesFile` or
    /// `sitesFile`, in GeoNames dump format (merged by `scripts/build-geodata`).
    public var wofDumpFile: URL { directory.appendingPathComponent("syria-places-wof.txt") }
    /// The few Who's On First places without a GeoNames id (sites TSV format, keyed by WOF id).
    public var wofPlacesFile: URL { directory.appendingPathComponent("syria-places-wof.tsv") }
    /// Neighbourhoods, airports, bases and camps with sourced coordinates (TSV with header).
    public var sitesFile: URL { directory.appendingPathComponent("syria-sites.tsv") }

    /// Actor aliases for report extraction (`canonical<TAB>kind<TAB>alias|…`).
    public var actorsFile: URL { directory.appendingPathComponent("actors.tsv") }

    /// Sample incidents (ACLED columns): the Russian MoD bulletin of 23 May 2016.
    public var sampleIncidentsFile: URL { directory.appendingPathComponent("seed-incidents-2016-05-23.csv") }

    /// Locates the folder.
    ///
    /// - throws: `InputError.unreadable` naming the places searched.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> BundledGeodata {
        var candidates: [URL] = []
        if let configured = environment["ATLAS_GEODATA"], !configured.isEmpty {
            candidates.append(URL(fileURLWithPath: configured))
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(folder.appendingPathComponent("geodata"))
            folder.deleteLastPathComponent()
        }
        candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("geodata"))
        for candidate in candidates {
            let bundle = BundledGeodata(directory: candidate)
            if FileManager.default.fileExists(atPath: bundle.placesFile.path) { return bundle }
        }
        throw InputError.unreadable(file: "geodata/",
            reason: "bundled geodata not found (set ATLAS_GEODATA; looked in \(candidates.map(\.path).joined(separator: ", ")))")
    }

    /// A bundle at a known folder.
    public init(directory: URL) {
        self.directory = directory
    }

    /// Loads governorates, places (GeoNames, then Who's On First) and sites into `database`. Idempotent: places are keyed, so a
    /// second run updates the same rows.
    ///
    /// - returns: one report per file, in load order.
    public func load(into database: SpatialDatabase) throws -> [(file: String, report: LoadReport)] {
        let loader = GazetteerLoader(database: database)
        var reports: [(String, LoadReport)] = []
        reports.append((admin1File.lastPathComponent, try loader.loadAdmin1(admin1File.path)))
        var places = GazetteerLoader.Options()
        places.source = "geonames"
        reports.append((placesFile.lastPathComponent, try loader.loadPlaces(placesFile.path, format: .geonames, options: places)))
        var wof = GazetteerLoader.Options()
        wof.source = "whosonfirst"
        reports.append((wofDumpFile.lastPathComponent, try loader.loadPlaces(wofDumpFile.path, format: .geonames, options: wof)))
        reports.append((wofPlacesFile.lastPathComponent, try loader.loadPlaces(wofPlacesFile.path, format: .tsv, options: wof)))
        var sites = GazetteerLoader.Options()
        sites.source = "syria-sites"
        reports.append((sitesFile.lastPathComponent, try loader.loadPlaces(sitesFile.path, format: .tsv, options: sites)))
        return reports
    }

    /// Imports the sample incidents (idempotent: their ACLED ids are fixed).
    public func loadSampleIncidents(into database: SpatialDatabase) throws -> ImportReport {
        var options = IncidentImporter.Options()
        options.format = .acled
        options.strict = true
        return try IncidentImporter(database: database).importFile(sampleIncidentsFile.path, options: options)
    }
}
