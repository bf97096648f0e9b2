import AtlasGeo
import AtlasModel

/// The fields of one incident that its GeoJSON Feature shows, as a backend's row holds them:
/// text as borrowed UTF-8 bytes (empty for NULL), so a page of features is encoded without
/// making a `String` per field (`IncidentWriter.encodeFeature`). The buffers are valid only
/// during the call that hands the value over.
public struct IncidentFeatureFields {
    /// Incident id.
    public var id: Int64
    /// The stored position, degrees.
    public var coordinate: Coordinate
    public var eventDate: UnsafeBufferPointer<UInt8>
    public var eventType: UnsafeBufferPointer<UInt8>
    public var subEventType: UnsafeBufferPointer<UInt8>
    public var actor1: UnsafeBufferPointer<UInt8>
    public var actor2: UnsafeBufferPointer<UInt8>
    public var location: UnsafeBufferPointer<UInt8>
    public var admin1: UnsafeBufferPointer<UInt8>
    public var admin2: UnsafeBufferPointer<UInt8>
    public var source: UnsafeBufferPointer<UInt8>
    public var notes: UnsafeBufferPointer<UInt8>
    public var sourceKey: UnsafeBufferPointer<UInt8>
    /// `GeoPrecision.level`.
    public var geoPrecision: Int
    public var timePrecision: Int
    public var fatalities: Int

    /// Fields with the given id, position and numbers, and every text empty.
    public init(id: Int64, coordinate: Coordinate, geoPrecision: Int, timePrecision: Int, fatalities: Int) {
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        self.id = id
        self.coordinate = coordinate
        (eventDate, eventType, subEventType, actor1, actor2, location) = (empty, empty, empty, empty, empty, empty)
        (admin1, admin2, source, notes, sourceKey) = (empty, empty, empty, empty, empty)
        self.geoPrecision = geoPrecision
        self.timePrecision = timePrecision
        self.fatalities = fatalities
    }
}
