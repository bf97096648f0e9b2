import AtlasModel

/// One stored spelling of a place: what a gazetteer's name index holds.
public struct PlaceSpelling: Sendable, Equatable {
    /// The place it names.
    public var placeID: Int64
    /// The spelling as stored.
    public var name: String
    /// Its folded key (`NameFolding.key`).
    public var key: String

    /// Creates a spelling.
    public init(placeID: Int64, name: String, key: String) {
        self.placeID = placeID
        self.name = name
        self.key = key
    }
}

/// What a backend's gazetteer supplies so that `GazetteerSearch` can rank places the same way
/// on every backend: spellings by folded key, by skeleton and by key prefix, and places by id.
///
/// The orders matter (a place met twice keeps its first spelling, and the limits cut in this
/// order): every order is by bytes (SQLite's `BINARY`, PostgreSQL's `"C"` collation).
public protocol PlaceNameLookup {
    /// Spellings whose key is exactly `key`, in (place id, name) order.
    func spellings(key: String) throws -> [PlaceSpelling]
    /// Spellings whose skeleton (`NameFolding.skeleton(ofKey:)`) is exactly `skeleton`, at most
    /// `limit`, in (key, place id, name) order.
    func spellings(skeleton: String, limit: Int) throws -> [PlaceSpelling]
    /// Spellings whose key starts with `prefix` and has `keyLengths` characters (Unicode
    /// scalars), at most `limit`, in (key, place id, name) order.
    func spellings(keyPrefix prefix: String, keyLengths: ClosedRange<Int>, limit: Int) throws -> [PlaceSpelling]
    /// The places with these ids that exist, by id, with their governorate names.
    func places(ids: [Int64]) throws -> [Int64: Place]
}
