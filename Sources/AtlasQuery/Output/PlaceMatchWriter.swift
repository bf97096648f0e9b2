import Foundation
import AtlasGeo
import AtlasModel

/// Writes gazetteer search results as a table, CSV, GeoJSON or GeoJSON Lines.
public struct PlaceMatchWriter {
    /// Decimal places of coordinates in GeoJSON and CSV.
    public var precision: Int

    /// A writer with `precision` decimals (6 ≈ 0.1 m).
    public init(precision: Int = 6) {
        self.precision = precision
    }

    /// Writes `matches` in `format` to `sink`.
    public func write(_ matches: [PlaceMatch], format: OutputFormat, to sink: ByteSink) throws {
        switch format {
        case .table: try sink.write(table(matches))
        case .csv: try writeCSV(matches, to: sink)
        case .geojson, .geojsonl:
            let stream = FeatureStream(framing: format == .geojson ? .collection : .lines, sink: sink)
            try stream.begin()
            for (index, match) in matches.enumerated() { try stream.write { appendFeature(match, rank: index + 1, into: &$0) } }
            try stream.end()
        case .acled, .json:
            throw OutputError.unsupportedFormat(format, what: "gazetteer candidates", supported: [.table, .csv, .geojson, .geojsonl])
        }
    }

    private func table(_ matches: [PlaceMatch]) -> String {
        var table = TextTable(columns: [
            .init("rank", alignRight: true), .init("score", alignRight: true), .init("match"), .init("name"),
            .init("matched"), .init("kind"), .init("admin1"), .init("population", alignRight: true),
            .init("lat", alignRight: true), .init("lon", alignRight: true), .init("id", alignRight: true),
        ])
        for (index, match) in matches.enumerated() {
            let place = match.place
            table.append([
                String(index + 1), DecimalText.fixed(match.score, digits: 2), match.kind.rawValue, place.name, match.matchedName,
                "\(place.featureClass).\(place.featureCode)", place.admin1Name ?? place.admin1, String(place.population),
                DecimalText.fixed(place.coordinate.latitude, digits: 5), DecimalText.fixed(place.coordinate.longitude, digits: 5), String(place.id),
            ])
        }
        return table.render() + "\(matches.count) candidate\(matches.count == 1 ? "" : "s")\n"
    }

    private func writeCSV(_ matches: [PlaceMatch], to sink: ByteSink) throws {
        try sink.write("rank,score,match,id,name,matched_name,feature_code,country,admin1,admin1_name,population,latitude,longitude\n")
        for (index, match) in matches.enumerated() {
            let place = match.place
            let cells = [
                String(index + 1), DecimalText.fixed(match.score, digits: 2), match.kind.rawValue, String(place.id), place.name,
                match.matchedName, "\(place.featureClass).\(place.featureCode)", place.country, place.admin1,
                place.admin1Name ?? "", String(place.population),
                DecimalText.fixed(place.coordinate.latitude, digits: precision), DecimalText.fixed(place.coordinate.longitude, digits: precision),
            ]
            try sink.write(cells.map(TextEscaping.csvField).joined(separator: ",") + "\n")
        }
    }

    /// One Feature: the place's point, the match as properties.
    private func appendFeature(_ match: PlaceMatch, rank: Int, into buffer: inout [UInt8]) {
        let place = match.place
        var feature = FeatureJSON(digits: precision)
        feature.begin(id: place.id, into: &buffer)
        feature.point(place.coordinate, into: &buffer)
        feature.property("rank", rank, into: &buffer)
        feature.property("score", match.score, digits: 2, into: &buffer)
        feature.property("match", match.kind.rawValue, into: &buffer)
        feature.property("name", place.name, into: &buffer)
        feature.property("matched_name", match.matchedName, into: &buffer)
        feature.property("feature_code", "\(place.featureClass).\(place.featureCode)", into: &buffer)
        feature.property("country", place.country, into: &buffer)
        feature.property("admin1", place.admin1, into: &buffer)
        feature.property("admin1_name", place.admin1Name, into: &buffer)
        feature.property("population", place.population, into: &buffer)
        feature.end(into: &buffer)
    }
}
