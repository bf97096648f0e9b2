import ArgumentParser
import AtlasStore

/// `atlas regions load|list`: named areas for `--region`.
struct RegionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "Load named (Multi)Polygons, such as governorate boundaries, for --region.",
        subcommands: [RegionsLoadCommand.self, RegionsListCommand.self])
}

/// `atlas regions load FILE.geojson --name-property P`.
struct RegionsLoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "load", abstract: "Load the (Multi)Polygon features of a GeoJSON file.")

    @OptionGroup var database: DatabaseOptions
    @Argument(help: "A GeoJSON FeatureCollection of Polygons / MultiPolygons.") var file: String
    @Option(name: .customLong("name-property"), help: "The feature property that names each region.") var nameProperty: String

    func run() throws {
        let report = try database.isPostGIS
            ? database.postGIS().loadRegions(file, nameProperty: nameProperty)
            : RegionStore(database: database.openForWriting()).load(file, nameProperty: nameProperty)
        for issue in report.issues { StandardError.print(issue.description) }
        StandardError.print("\(file): \(report.summary(noun: "regions"))")
    }
}

/// `atlas regions list`.
struct RegionsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the loaded regions.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        for name in try database.backend().regions.regionNames() { print(name) }
    }
}
