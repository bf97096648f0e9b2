import AtlasGeo
import AtlasModel

/// What an incident's GeoJSON Feature shows, whoever holds it: an `Incident` (texts as
/// `String`) or a backend's row (`IncidentFeatureFields`, texts as stored UTF-8 bytes). The
/// one list of properties (`IncidentWriter.appendFeature`) reads either, so the CLI's output
/// and the server's pages cannot drift apart.
protocol IncidentFeatureSource {
    associatedtype Text: FeaturePropertyText
    /// The Feature's `id` (0 for an incident not stored yet).
    var featureID: Int64 { get }
    /// The point, degrees.
    var coordinate: Coordinate { get }
    var eventDate: Text { get }
    var eventType: Text { get }
    var subEventType: Text { get }
    var actor1: Text { get }
    var actor2: Text { get }
    var location: Text { get }
    var admin1: Text { get }
    var admin2: Text { get }
    var source: Text { get }
    var notes: Text { get }
    var sourceKey: Text { get }
    /// `GeoPrecision.level`.
    var geoPrecisionLevel: Int { get }
    var timePrecision: Int { get }
    var fatalities: Int { get }
}

/// A text property's value as a Feature is given it.
protocol FeaturePropertyText {
    /// Appends `key` and this text, quoted, to `feature`.
    func append<Output: ByteAppending>(under key: FeatureJSON.Key, to feature: inout FeatureJSON, into buffer: inout Output)
}

extension String: FeaturePropertyText {
    func append<Output: ByteAppending>(under key: FeatureJSON.Key, to feature: inout FeatureJSON, into buffer: inout Output) {
        feature.property(key, self, into: &buffer)
    }
}

extension UnsafeBufferPointer<UInt8>: FeaturePropertyText {
    func append<Output: ByteAppending>(under key: FeatureJSON.Key, to feature: inout FeatureJSON, into buffer: inout Output) {
        feature.property(key, storedText: self, into: &buffer)
    }
}

extension Incident: IncidentFeatureSource {
    var featureID: Int64 { id ?? 0 }
    var geoPrecisionLevel: Int { geoPrecision.level }
}

extension IncidentFeatureFields: IncidentFeatureSource {
    var featureID: Int64 { id }
    var geoPrecisionLevel: Int { geoPrecision }
}
