import AtlasGeo

/// A named area loaded with `atlas regions load` (a governorate boundary, a sector), in
/// degrees (longitude, latitude order in its source GeoJSON).
public struct Region: Sendable, Equatable {
    /// Its name as loaded.
    public var name: String
    /// Its shape.
    public var shape: MultiPolygon

    /// Creates a region.
    public init(name: String, shape: MultiPolygon) {
        self.name = name
        self.shape = shape
    }
}
