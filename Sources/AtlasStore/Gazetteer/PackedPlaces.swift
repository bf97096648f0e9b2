import AtlasModel
import AtlasGeo

/// A batch of places as a bulk load's parsing thread hands them to its writing thread: every
/// text the insert binds (the fields, the `place.names` column of `PlaceNamesColumn`) packed
/// into one byte buffer, and a fixed-size row of spans and numbers per place.
///
/// Why not `PlaceRecord`s: with a dozen strings and an array of `FoldedName`s a place, the
/// writing thread spent about a third of its time on releasing and freeing memory the parsing
/// thread had allocated, and on binding strings one copy at a time; it was the bound of the
/// rows. Packed, the writer binds pointers into `bytes` and frees one buffer a batch.
struct PackedPlaces: Sendable {
    /// Where one text lies in `bytes`.
    struct Span: Sendable, Equatable {
        /// Offset of the first byte.
        var offset: UInt32
        /// Number of bytes.
        var count: UInt32
    }

    /// One place, ready to bind.
    struct Row: Sendable, Equatable {
        /// The GeoNames id, nil for a place that gets a local id.
        var geonameID: Int64?
        /// Position (degrees).
        var coordinate: Coordinate
        /// Population, 0 when unknown.
        var population: Int
        /// `FeatureImportance.rank` of the feature code.
        var importance: Int
        var name: Span
        var asciiName: Span
        var featureClass: Span
        var featureCode: Span
        var country: Span
        var admin1: Span
        var admin2: Span
        var source: Span
        var sourceKey: Span
        /// The `place.names` column text.
        var names: Span
    }

    /// A place, or a line that is not one (its number and the reason).
    enum Item: Sendable {
        case place(Row)
        case rejected(line: Int, message: String)
    }

    /// The items in file order.
    private(set) var items: [Item] = []
    /// The UTF-8 bytes every span points into.
    private(set) var bytes: [UInt8] = []
    /// The last source text stored and where (see `storeSource`).
    private var lastSource: (text: String, span: Span)?

    /// An empty batch with room for about `capacity` places.
    init(capacity: Int) {
        items.reserveCapacity(capacity)
        bytes.reserveCapacity(capacity * 320)
    }

    /// Number of items (places and rejected lines).
    var count: Int { items.count }

    /// Adds `record` with its spellings `folded` (`record.foldedNames`, computed by the caller,
    /// which also feeds them to the name index). The record's own alternate names are not read.
    mutating func append(_ record: PlaceRecord, folded: [FoldedName]) {
        let name = store(record.name)
        let row = Row(
            geonameID: record.geonameID, coordinate: record.coordinate, population: record.population,
            importance: FeatureImportance.rank(featureCode: record.featureCode),
            name: name, asciiName: record.asciiName == record.name ? name : store(record.asciiName),
            featureClass: store(record.featureClass), featureCode: store(record.featureCode),
            country: store(record.country), admin1: store(record.admin1), admin2: store(record.admin2),
            source: storeSource(record.source), sourceKey: store(record.sourceKey), names: storeNames(folded))
        items.append(.place(row))
    }

    /// Adds a place whose texts the caller stored first (`store`, `storeSource`, `storeNames`),
    /// as `GeoNamesLinePacker` does straight from a line's bytes.
    mutating func append(_ row: Row) {
        items.append(.place(row))
    }

    /// Adds a rejected line.
    mutating func reject(line: Int, message: String) {
        items.append(.rejected(line: line, message: message))
    }

    /// Empties the batch, keeping its storage.
    mutating func removeAll() {
        items.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        lastSource = nil
    }

    /// Drops the bytes stored from `offset` on (texts of a place that was not added after all).
    mutating func truncate(to offset: Int) {
        bytes.removeSubrange(offset...)
        if let last = lastSource, Int(last.span.offset) >= offset { lastSource = nil }
    }

    /// Stores the UTF-8 bytes of `text`.
    mutating func store(_ text: String) -> Span {
        var text = text
        return text.withUTF8 { store($0) }
    }

    /// Stores `text`, UTF-8 bytes.
    mutating func store(_ text: UnsafeBufferPointer<UInt8>) -> Span {
        let offset = UInt32(bytes.count)
        bytes.append(contentsOf: text)
        return Span(offset: offset, count: UInt32(text.count))
    }

    /// Stores `geonames:<id>`, the source key of a GeoNames place (as `PlaceRecord` makes it).
    mutating func storeSourceKey(geonameID id: Int64) -> Span {
        let offset = UInt32(bytes.count)
        bytes.append(contentsOf: "geonames:".utf8)
        // Up to 15 digits the decimal text is a small string: no allocation.
        bytes.append(contentsOf: String(id).utf8)
        return Span(offset: offset, count: UInt32(bytes.count) - offset)
    }

    /// Stores `source`, or reuses where it was stored when it is the one stored last (it is one
    /// for a whole file).
    mutating func storeSource(_ source: String) -> Span {
        if let last = lastSource, last.text == source { return last.span }
        let span = store(source)
        lastSource = (source, span)
        return span
    }

    /// Stores the `place.names` column text of `folded` (distinct spellings).
    mutating func storeNames(_ folded: [FoldedName]) -> Span {
        let offset = UInt32(bytes.count)
        PlaceNamesColumn.encode(folded, into: &bytes, distinct: true)
        return Span(offset: offset, count: UInt32(bytes.count) - offset)
    }

    /// Stores the `place.names` column text of `count` spellings written by `spelling` (see
    /// `PlaceNamesColumn.appendPlain`); nil, and nothing stored, when one needs escapes.
    mutating func storeNames(count: Int, room: Int, spelling: (Int, inout UnsafeMutablePointer<UInt8>) -> Bool) -> Span? {
        let offset = UInt32(bytes.count)
        guard PlaceNamesColumn.appendPlain(count: count, room: room, to: &bytes, spelling: spelling) else { return nil }
        return Span(offset: offset, count: UInt32(bytes.count) - offset)
    }
}
