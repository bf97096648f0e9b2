import AtlasGeo
import Foundation

/// Parses lines of the GeoNames main dump: 19 tab-separated columns, no header, no quoting.
///
/// Columns: geonameid, name, asciiname, alternatenames (comma-separated), latitude, longitude,
/// feature class, feature code, country code, cc2, admin1, admin2, admin3, admin4, population,
/// elevation, dem, timezone, modification date. Quotes are ordinary characters here.
enum GeoNamesDumpParser {
    /// The column count of every line.
    static let columnCount = 19

    /// The place on `line`, or why the line is rejected.
    static func parse(_ line: String, source: String) -> Result<PlaceRecord, FieldError> {
        // Split on bytes: the tab and the comma are ASCII, and Character-wise splitting was a
        // quarter of a bulk load's parsing time.
        let columns = line.utf8.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { Substring($0) }
        guard columns.count == columnCount else {
            return .failure(FieldError(field: "line", reason: "has \(columns.count) tab-separated columns; GeoNames lines have \(columnCount)"))
        }
        guard let id = Int64(columns[0]), id > 0 else {
            return .failure(FieldError(field: "geonameid", reason: "'\(columns[0])' is not a positive integer"))
        }
        let name = columns[1].trimmingASCIISpaces()
        guard !name.isEmpty else { return .failure(FieldError(field: "name", reason: "is empty")) }
        let coordinate: Coordinate
        switch FieldParsing.coordinate(latitude: String(columns[4]), longitude: String(columns[5])) {
        case let .success(value): coordinate = value
        case let .failure(error): return .failure(error)
        }
        let population: Int
        switch FieldParsing.count(String(columns[14]), field: "population") {
        case let .success(value): population = value
        case let .failure(error): return .failure(error)
        }
        let asciiName = columns[2].isEmpty ? name : String(columns[2])
        let alternates = columns[3].utf8.split(separator: UInt8(ascii: ",")).compactMap { part -> PlaceRecord.AlternateName? in
            let text = Substring(part).trimmingASCIISpaces()
            return text.isEmpty ? nil : PlaceRecord.AlternateName(text)
        }
        return .success(PlaceRecord(
            geonameID: id, name: name, asciiName: asciiName, coordinate: coordinate,
            featureClass: String(columns[6]), featureCode: String(columns[7]), country: String(columns[8]),
            admin1: String(columns[10]), admin2: String(columns[11]), population: population,
            alternateNames: alternates, source: source))
    }
}
