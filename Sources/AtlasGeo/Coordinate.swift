import Foundation

/// A position on the WGS84 ellipsoid, in decimal degrees.
///
/// The Swift API always says latitude first, by label, so that a reader never has to guess
/// the order. Text formats keep their own convention (GeoJSON and WKT are longitude, latitude).
///
/// For example:
///
/// ```swift
/// let aleppo = try Coordinate(validatingLatitude: 36.20124, longitude: 37.16117)
/// ```
public struct Coordinate: Hashable, Sendable, CustomStringConvertible {
    /// Degrees north of the equator, in -90...90.
    public var latitude: Double
    /// Degrees east of Greenwich, in -180...180.
    public var longitude: Double

    /// Creates a coordinate without validation. Use it for values that are valid by construction
    /// (computed from other coordinates, read back from the store).
    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    /// Creates a coordinate from untrusted input.
    ///
    /// - throws: `CoordinateError` if a value is not finite or out of range.
    public init(validatingLatitude latitude: Double, longitude: Double) throws(CoordinateError) {
        guard latitude.isFinite else { throw .notFinite(axis: .latitude, value: latitude) }
        guard longitude.isFinite else { throw .notFinite(axis: .longitude, value: longitude) }
        guard (-90.0...90.0).contains(latitude) else { throw .outOfRange(axis: .latitude, value: latitude) }
        guard (-180.0...180.0).contains(longitude) else { throw .outOfRange(axis: .longitude, value: longitude) }
        self.init(latitude: latitude, longitude: longitude)
    }

    /// `lat,lon` with six decimals (about 0.1 m), the order a map application shows.
    public var description: String {
        "\(Coordinate.format(latitude)),\(Coordinate.format(longitude))"
    }

    static func format(_ degrees: Double) -> String {
        var text = String(format: "%.6f", degrees)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

/// Why a latitude or longitude was refused.
public enum CoordinateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Which of the two numbers was wrong.
    public enum Axis: String, Sendable { case latitude, longitude }

    /// NaN or infinite.
    case notFinite(axis: Axis, value: Double)
    /// Latitude outside [-90, 90] or longitude outside [-180, 180].
    case outOfRange(axis: Axis, value: Double)

    public var description: String {
        switch self {
        case let .notFinite(axis, value):
            return "\(axis.rawValue) \(value) is not a finite number"
        case let .outOfRange(axis, value):
            let range = axis == .latitude ? "[-90, 90]" : "[-180, 180]"
            return "\(axis.rawValue) \(value) out of range \(range)"
        }
    }
}
