import AtlasGeo
import AtlasModel
import Foundation

/// The value parsers behind the CLI's `--at LAT,LON`, `--bbox W,S,E,N`, `--date`/`--since`/
/// `--until` and paging cursors: `DecimalNumber`, `Coordinate(validatingLatitude:longitude:)`,
/// `ISODate` and `IncidentCursor` (the option structs that split the text live in the `atlas`
/// executable, which cannot be imported). Oracles: a parsed date or cursor prints as text that
/// parses back to the same value; a decimal is finite; a validated coordinate is on the globe.
enum ArgumentFuzz {
    static func run(_ data: Data) {
        let text = String(decoding: data, as: UTF8.self)
        if let day = ISODate(text) {
            guard ISODate(day.description) == day else { fail("ISODate '\(text)' printed as '\(day.description)', which does not parse back") }
        }
        if let cursor = IncidentCursor(text) {
            guard IncidentCursor(cursor.description) == cursor else { fail("cursor '\(text)' printed as '\(cursor.description)', which does not parse back") }
        }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let numbers = parts.map { DecimalNumber.value($0) }
        for case let value? in numbers where !value.isFinite { fail("DecimalNumber read '\(text)' as \(value)") }
        if numbers.count == 2, let latitude = numbers[0], let longitude = numbers[1],
           let position = try? Coordinate(validatingLatitude: latitude, longitude: longitude) {
            guard abs(position.latitude) <= 90, abs(position.longitude) <= 180 else { fail("--at '\(text)' gave \(position)") }
        }
    }
}
