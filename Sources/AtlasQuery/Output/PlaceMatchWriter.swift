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
        case .csv, .acled: try writeCSV(matches, to: sink)
        case .geojson:
            try sink.write("{\"type\":\"FeatureCollection\",\"features\":[")
            for (index, match) in matches.enumerated() {
                try sink.write((index > 0 ? ",\n" : "\n") + feature(match, rank: index + 1))
            }
            try sink.write("\n]}\n")
        case .geojsonl:
            for (index, match) in matches.enumerated() { try sink.write(feature(match, rank: index + 1) + "\n") }
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

    private func feature(_ match: PlaceMatch, rank: Int) -> String {
        let place = match.place
        let properties: [(String, String)] = [
            ("rank", String(rank)), ("score", DecimalText.fixed(match.score, digits: 2)), ("match", TextEscaping.jsonString(match.kind.rawValue)),
            ("name", TextEscaping.jsonString(place.name)), ("matched_name", TextEscaping.jsonString(match.matchedName)),
            ("feature_code", TextEscaping.jsonString("\(place.featureClass).\(place.featureCode)")),
            ("country", TextEscaping.jsonString(place.country)), ("admin1", TextEscaping.jsonString(place.admin1)),
            ("admin1_name", place.admin1Name.map(TextEscaping.jsonString) ?? "null"),
            ("population", String(place.population)),
        ]
        let props = properties.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",")
        return "{\"type\":\"Feature\",\"id\":\(place.id),\"geometry\":{\"type\":\"Point\",\"coordinates\":["
            + "\(DecimalText.fixed(place.coordinate.longitude, digits: precision)),\(DecimalText.fixed(place.coordinate.latitude, digits: precision))]},"
            + "\"properties\":{\(props)}}"
    }
}
