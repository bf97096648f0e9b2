import AtlasModel

/// Bulk reads of a backend's gazetteer for text processing (`atlas extract`): every spelling
/// with its folded key, places by id, governorates.
public protocol GazetteerNameListing: Sendable {
    /// Calls `body(placeID, name, key)` for every spelling, in (key, place id, name) byte order.
    func forEachName(_ body: (Int64, String, String) throws -> Void) throws
    /// The places with these ids (absent ids left out), by id.
    func places<IDs: Sequence<Int64>>(ids: IDs) throws -> [Int64: Place]
    /// Every governorate with all its spellings, by country and code.
    func admin1Records() throws -> [Admin1Record]
}

/// Where a backend keeps the reports `atlas extract --commit` stored.
public protocol ReportRecording: Sendable {
    /// Stores a report keyed by the SHA-256 of its text (a report stored before keeps its row)
    /// and returns its id.
    func record(sha256: String, source: String, url: String, published: String?, title: String) throws -> Int64
}
