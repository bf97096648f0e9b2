import AtlasModel
import AtlasImport
import AtlasGeo
import Foundation

/// Parsing of single text fields, with messages that name the field and the bad value.
enum FieldParsing {
    /// A coordinate from two texts; the message names the field that is wrong.
    static func coordinate(latitude: String, longitude: String) -> Result<Coordinate, FieldError> {
        let latText = latitude.trimmingASCIISpaces()
        let lonText = longitude.trimmingASCIISpaces()
        guard !latText.isEmpty else { return .failure(FieldError(field: "latitude", reason: "is empty")) }
        guard !lonText.isEmpty else { return .failure(FieldError(field: "longitude", reason: "is empty")) }
        guard let lat = DecimalNumber.value(latText) else {
            return .failure(FieldError(field: "latitude", reason: "'\(InputExcerpt.of(latText))' is not a decimal number"))
        }
        guard let lon = DecimalNumber.value(lonText) else {
            return .failure(FieldError(field: "longitude", reason: "'\(InputExcerpt.of(lonText))' is not a decimal number"))
        }
        do {
            return .success(try Coordinate(validatingLatitude: lat, longitude: lon))
        } catch {
            switch error {
            case let .notFinite(axis, _):
                return .failure(FieldError(field: axis.rawValue, reason: "\(axis == .latitude ? latText : lonText) is not a finite number"))
            case let .outOfRange(axis, value):
                let range = axis == .latitude ? "[-90, 90]" : "[-180, 180]"
                return .failure(FieldError(field: axis.rawValue, reason: "\(Self.plain(value)) out of range \(range)"))
            }
        }
    }

    /// A non-negative integer; empty text gives `defaultValue`.
    static func count(_ text: String, field: String, defaultValue: Int = 0) -> Result<Int, FieldError> {
        let trimmed = text.trimmingASCIISpaces()
        if trimmed.isEmpty { return .success(defaultValue) }
        guard let value = Int(trimmed) else {
            return .failure(FieldError(field: field, reason: "'\(InputExcerpt.of(trimmed))' is not a whole number"))
        }
        guard value >= 0 else { return .failure(FieldError(field: field, reason: "\(value) is negative")) }
        return .success(value)
    }

    private static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}

/// A field that could not be parsed: which one, and why.
struct FieldError: Error, CustomStringConvertible {
    var field: String
    var reason: String
    var description: String { "\(field) \(reason)" }
}
