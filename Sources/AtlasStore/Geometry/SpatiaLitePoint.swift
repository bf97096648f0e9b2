import AtlasGeo
import Foundation

/// The SpatiaLite BLOB encoding of a POINT (60 bytes, little-endian), built and read in Swift.
///
/// Layout: `00`, endianness `01`, SRID (int32), MBR minX minY maxX maxY (4 × float64),
/// `7C`, class 1 = POINT (int32), X = longitude, Y = latitude (2 × float64), `FE`.
/// Building the blob in Swift lets bulk loads bypass `MakePoint()`; reading it lets queries
/// skip `X()`/`Y()` per row.
public enum SpatiaLitePoint {
    /// Size of an XY point blob in bytes.
    public static let byteCount = 60

    /// Encodes `coordinate` as a SpatiaLite point blob in SRID 4326.
    public static func blob(_ coordinate: Coordinate) -> Data {
        var bytes = [UInt8](repeating: 0, count: byteCount)
        write(coordinate, into: &bytes)
        return Data(bytes)
    }

    /// Writes the 60-byte blob of `coordinate` into `bytes` (which must hold 60 bytes).
    public static func write(_ coordinate: Coordinate, into bytes: inout [UInt8]) {
        let x = coordinate.longitude, y = coordinate.latitude
        bytes[0] = 0x00
        bytes[1] = 0x01
        put(UInt32(4326), at: 2, in: &bytes)
        put(x.bitPattern, at: 6, in: &bytes)
        put(y.bitPattern, at: 14, in: &bytes)
        put(x.bitPattern, at: 22, in: &bytes)
        put(y.bitPattern, at: 30, in: &bytes)
        bytes[38] = 0x7C
        put(UInt32(1), at: 39, in: &bytes)
        put(x.bitPattern, at: 43, in: &bytes)
        put(y.bitPattern, at: 51, in: &bytes)
        bytes[59] = 0xFE
    }

    /// Decodes a point blob; nil if the bytes are not a little- or big-endian XY point.
    public static func coordinate(from bytes: UnsafeRawBufferPointer) -> Coordinate? {
        guard bytes.count == byteCount, bytes[0] == 0x00, bytes[38] == 0x7C, bytes[59] == 0xFE else { return nil }
        let little = bytes[1] == 0x01
        guard little || bytes[1] == 0x00 else { return nil }
        func uint32(_ offset: Int) -> UInt32 {
            let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)
            return little ? UInt32(littleEndian: raw) : UInt32(bigEndian: raw)
        }
        func double(_ offset: Int) -> Double {
            let raw = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            return Double(bitPattern: little ? UInt64(littleEndian: raw) : UInt64(bigEndian: raw))
        }
        guard uint32(39) == 1 else { return nil }
        return Coordinate(latitude: double(51), longitude: double(43))
    }

    /// Decodes a point blob held in `Data`.
    public static func coordinate(from data: Data) -> Coordinate? {
        data.withUnsafeBytes { coordinate(from: $0) }
    }

    private static func put<T: FixedWidthInteger>(_ value: T, at offset: Int, in bytes: inout [UInt8]) {
        // One bounds-checked store of the whole value: byte by byte, with an array uniqueness
        // check each, this was 2 % of a million-row import.
        precondition(offset >= 0 && offset + MemoryLayout<T>.size <= bytes.count, "point blob too short")
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self)
        }
    }
}
