import AtlasGeo
import AtlasModel

/// The one streaming encoder of GeoJSON features: frames them as an RFC 7946
/// FeatureCollection (with extra top-level members after the features, such as an OGC API's
/// `numberMatched`, `numberReturned`, `links` and `timeStamp`) or as GeoJSON Lines, over any
/// `ByteSink` (a file, standard output, an HTTP response body).
///
/// Features are appended straight into the sink's buffer through `FeatureJSON`, so a million
/// features cost no intermediate strings. Coordinates are longitude, latitude (degrees).
public final class FeatureStream {
    /// How features are framed.
    public enum Framing: Sendable {
        /// One FeatureCollection object.
        case collection
        /// One Feature per line.
        case lines
    }

    private let framing: Framing
    private let sink: ByteSink
    /// Features written so far.
    public private(set) var count = 0

    /// A stream of `framing` into `sink`.
    public init(framing: Framing, sink: ByteSink) {
        self.framing = framing
        self.sink = sink
    }

    /// Writes what comes before the first feature.
    public func begin() throws {
        if framing == .collection { try sink.write("{\"type\":\"FeatureCollection\",\"features\":[") }
    }

    /// Appends one feature that `encode` appends to the buffer (with `FeatureJSON`), with the
    /// separator or line end the framing needs.
    public func write(_ encode: (inout [UInt8]) -> Void) throws {
        try sink.append { buffer in
            if framing == .collection { JSONBytes.raw(count > 0 ? ",\n" : "\n", into: &buffer) }
            encode(&buffer)
            if framing == .lines { buffer.append(0x0A) }
        }
        count += 1
    }

    /// Appends a feature already encoded (without separator or line end).
    public func write(encoded feature: UnsafeRawBufferPointer) throws {
        try write { $0.append(contentsOf: feature) }
    }

    /// Writes what comes after the last feature and flushes. `members` are extra top-level
    /// members of the FeatureCollection, as (name, JSON value) pairs; lines have none.
    public func end(members: [(name: String, json: String)] = []) throws {
        if framing == .collection {
            try sink.append { buffer in
                JSONBytes.raw(count > 0 ? "\n]" : "]", into: &buffer)
                for (name, json) in members {
                    buffer.append(0x2C)
                    JSONBytes.string(name, into: &buffer)
                    buffer.append(0x3A)
                    JSONBytes.raw(json, into: &buffer)
                }
                JSONBytes.raw("}\n", into: &buffer)
            }
        }
        try sink.flush()
    }
}

/// Appends the parts of one GeoJSON Feature to a byte buffer, in order: `begin`, a geometry,
/// then properties, then `end`.
public struct FeatureJSON {
    private let digits: Int
    private var propertyCount = 0

    /// A feature whose coordinates get `digits` decimals (6 ≈ 0.1 m).
    public init(digits: Int) {
        self.digits = digits
    }

    /// `{"type":"Feature","id":…,"geometry":` (no id when nil).
    public func begin<Output: ByteAppending>(id: Int64?, into buffer: inout Output) {
        JSONBytes.literal("{\"type\":\"Feature\"", into: &buffer)
        if let id {
            JSONBytes.literal(",\"id\":", into: &buffer)
            JSONBytes.integer(id, into: &buffer)
        }
        JSONBytes.literal(",\"geometry\":", into: &buffer)
    }

    /// A Point geometry.
    public func point<Output: ByteAppending>(_ coordinate: Coordinate, into buffer: inout Output) {
        JSONBytes.literal("{\"type\":\"Point\",\"coordinates\":", into: &buffer)
        position(coordinate, into: &buffer)
        buffer.append(0x7D)
    }

    /// A geometry of `type` (`LineString`, `Polygon`) whose coordinates are `rings` of
    /// positions: one list for a LineString, rings for a Polygon.
    public func geometry<Output: ByteAppending>(_ type: String, rings: [[Coordinate]], nested: Bool, into buffer: inout Output) {
        JSONBytes.raw("{\"type\":\"\(type)\",\"coordinates\":", into: &buffer)
        if nested { buffer.append(0x5B) }
        for (index, ring) in rings.enumerated() {
            if index > 0 { buffer.append(0x2C) }
            buffer.append(0x5B)
            for (offset, coordinate) in ring.enumerated() {
                if offset > 0 { buffer.append(0x2C) }
                position(coordinate, into: &buffer)
            }
            buffer.append(0x5D)
        }
        if nested { buffer.append(0x5D) }
        buffer.append(0x7D)
    }

    /// No geometry.
    public func noGeometry<Output: ByteAppending>(into buffer: inout Output) {
        JSONBytes.raw("null", into: &buffer)
    }

    /// `[lon,lat]`.
    public func position<Output: ByteAppending>(_ coordinate: Coordinate, into buffer: inout Output) {
        buffer.append(0x5B)
        JSONBytes.decimal(coordinate.longitude, digits: digits, into: &buffer)
        buffer.append(0x2C)
        JSONBytes.decimal(coordinate.latitude, digits: digits, into: &buffer)
        buffer.append(0x5D)
    }

    /// A property name encoded once (`"event_date":`), for a writer that names the same
    /// properties in every feature of a large output.
    public struct Key: Sendable {
        let bytes: [UInt8]

        /// The key of the property `name`.
        public init(_ name: String) {
            var bytes: [UInt8] = []
            JSONBytes.string(name, into: &bytes)
            bytes.append(0x3A)
            self.bytes = bytes
        }
    }

    /// A string property under an encoded key.
    public mutating func property<Output: ByteAppending>(_ key: Key, _ value: String, into buffer: inout Output) {
        self.key(key, into: &buffer)
        JSONBytes.string(value, into: &buffer)
    }

    /// A string property under an encoded key, from stored UTF-8 bytes (see
    /// `FlatJSON.appendQuoted(storedText:to:)`).
    public mutating func property<Output: ByteAppending>(_ key: Key, storedText value: UnsafeBufferPointer<UInt8>, into buffer: inout Output) {
        self.key(key, into: &buffer)
        FlatJSON.appendQuoted(storedText: value, to: &buffer)
    }

    /// An integer property under an encoded key.
    public mutating func property<T: BinaryInteger, Output: ByteAppending>(_ key: Key, _ value: T, into buffer: inout Output) {
        self.key(key, into: &buffer)
        JSONBytes.integer(value, into: &buffer)
    }

    /// A decimal property under an encoded key, with at most `digits` decimals.
    public mutating func property<Output: ByteAppending>(_ key: Key, _ value: Double, digits: Int, into buffer: inout Output) {
        self.key(key, into: &buffer)
        JSONBytes.decimal(value, digits: digits, into: &buffer)
    }

    /// A property whose value is the JSON text `json` (a number, `null`, an array…).
    public mutating func property<Output: ByteAppending>(_ name: String, json: String, into buffer: inout Output) {
        key(name, into: &buffer)
        JSONBytes.raw(json, into: &buffer)
    }

    /// A string property.
    public mutating func property<Output: ByteAppending>(_ name: String, _ value: String, into buffer: inout Output) {
        key(name, into: &buffer)
        JSONBytes.string(value, into: &buffer)
    }

    /// A string property, `null` when nil.
    public mutating func property<Output: ByteAppending>(_ name: String, _ value: String?, into buffer: inout Output) {
        key(name, into: &buffer)
        if let value { JSONBytes.string(value, into: &buffer) } else { JSONBytes.raw("null", into: &buffer) }
    }

    /// An integer property.
    public mutating func property<T: BinaryInteger, Output: ByteAppending>(_ name: String, _ value: T, into buffer: inout Output) {
        key(name, into: &buffer)
        JSONBytes.integer(value, into: &buffer)
    }

    /// A decimal property with at most `digits` decimals.
    public mutating func property<Output: ByteAppending>(_ name: String, _ value: Double, digits: Int, into buffer: inout Output) {
        key(name, into: &buffer)
        JSONBytes.decimal(value, digits: digits, into: &buffer)
    }

    /// Closes the properties and the feature.
    public func end<Output: ByteAppending>(into buffer: inout Output) {
        JSONBytes.literal(propertyCount == 0 ? ",\"properties\":{}}" : "}}", into: &buffer)
    }

    private mutating func key<Output: ByteAppending>(_ name: String, into buffer: inout Output) {
        key(Key(name), into: &buffer)
    }

    private mutating func key<Output: ByteAppending>(_ key: Key, into buffer: inout Output) {
        if propertyCount == 0 { JSONBytes.literal(",\"properties\":{", into: &buffer) } else { buffer.append(0x2C) }
        key.bytes.withUnsafeBufferPointer { buffer.appendBytes($0) }
        propertyCount += 1
    }
}
