import AtlasImport
import ArgumentParser
import AtlasModel
import AtlasStore

extension GazetteerFormat: ExpressibleByArgument {}

/// `atlas gazetteer load FILE`: GeoNames dumps, CSV, GeoJSON; alternate names; admin1 codes.
struct GazetteerLoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load places (GeoNames dump, CSV or GeoJSON), alternate names and admin1 codes.",
        discussion: """
            Bad lines are reported as FILE:LINE: reason and skipped; the rest loads. Loading the same \
            file again updates the same places.
            """)

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "Place file (GeoNames 19-column TSV, CSV or GeoJSON; - for standard input).")
    var file: String?

    @Option(help: "Format of FILE (default: from its extension; .txt is GeoNames).")
    var format: GazetteerFormat?

    @Option(name: .customLong("alternate-names"), help: ArgumentHelp("GeoNames alternateNamesV2.txt to attach.", valueName: "file"))
    var alternateNames: String?

    @Option(name: .customLong("admin1"), help: ArgumentHelp("GeoNames admin1CodesASCII.txt to load.", valueName: "file"))
    var admin1: String?

    @Option(help: ArgumentHelp("Keep only places of these countries (ISO codes, comma-separated).", valueName: "CC,…"))
    var country: String?

    @Option(name: .customLong("feature-classes"), help: ArgumentHelp("Keep only these GeoNames feature classes, e.g. P,S,A.", valueName: "X,…"))
    var featureClasses: String?

    @OptionGroup var bulkOption: BulkOption

    func validate() throws {
        if file == nil && alternateNames == nil && admin1 == nil {
            throw ValidationError("give a place FILE, --alternate-names or --admin1")
        }
    }

    func run() throws {
        guard database.isPostGIS else { return try load(into: database.openForWriting()) }
        // PostGIS: the files go through the SpatiaLite loader into a scratch store, whose
        // places are then merged by source key (see `PostGISGazetteerWriter`).
        if alternateNames != nil && file == nil {
            throw ValidationError("on a PostGIS store, give --alternate-names with the place FILE it names (they are loaded together)")
        }
        let backend = try database.postGIS()
        let loaded = try GazetteerSnapshot.loadingInScratchStore { try load(into: $0) }
        _ = try backend.loadGazetteer(admin1: loaded.admin1, places: loaded.places,
                                      context: "storing the places of \(file ?? admin1 ?? "")")
    }

    /// Loads the files named by the options into `store`, reporting each.
    private func load(into store: SpatialDatabase) throws {
        let loader = GazetteerLoader(database: store)
        func show(_ name: String, _ report: LoadReport, noun: String) {
            for issue in report.issues { StandardError.print(issue.description) }
            StandardError.print("\(name): \(report.summary(noun: noun))")
        }
        if let admin1 {
            show(admin1, try loader.loadAdmin1(admin1), noun: "admin1 codes")
        }
        if let file {
            var options = GazetteerLoader.Options()
            options.bulk = bulkOption.bulk
            if let country { options.countries = Set(country.uppercased().split(separator: ",").map(String.init)) }
            if let featureClasses { options.featureClasses = Set(featureClasses.uppercased().split(separator: ",").map(String.init)) }
            let report = try loader.loadPlaces(file, format: format ?? GazetteerFormat.guess(fromPath: file), options: options)
            show(file, report, noun: "places")
        }
        if let alternateNames {
            show(alternateNames, try loader.loadAlternateNames(alternateNames), noun: "names")
        }
    }
}
