import Foundation

/// One fuzz target: a parser fed arbitrary bytes, with checks of what it must hold on any input
/// (no crash, and the oracle each target states).
struct FuzzTarget: Sendable {
    let name: String
    let run: @Sendable (Data) -> Void
}

/// Every target, by the name `scripts/fuzz` and the corpus folders (`fuzz/corpus/NAME`) use.
enum FuzzTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget(name: "geonames", run: GeoNamesFuzz.run),
        FuzzTarget(name: "csv", run: RowFuzz.run),
        FuzzTarget(name: "geojson", run: GeoJSONFuzz.run),
        FuzzTarget(name: "wkt", run: WKTFuzz.run),
        FuzzTarget(name: "arguments", run: ArgumentFuzz.run),
        FuzzTarget(name: "extract", run: ExtractFuzz.run),
        FuzzTarget(name: "server-query", run: ServerQueryFuzz.run),
    ]
    static var names: [String] { all.map(\.name) }
    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}
