import Foundation
import GRDB

/// The gazetteer's name index: every spelling with its folded key and skeleton, sorted by key,
/// memory-mapped from a sidecar file beside the database (`<db>.names`).
///
/// Why beside the database and not an SQLite index: keeping the spellings of a 1M-place load
/// in a B-tree keyed by folded key cost SQLite ~20 s of the load (random-order inserts, or a
/// 10 s sort for `CREATE INDEX`); the spellings themselves live in `place.names` (one JSON array
/// a place, read through the `place_name` view), and this file is rebuilt from them whenever
/// the place generation (`PlaceGeneration`) differs from the one it was built at. A bulk load
/// into an empty gazetteer writes it directly from the names it stored.
///
/// The file is a `SidecarFile` (magic `ATLSNAM2`: stamp and checksum) whose payload is, in
/// little-endian: the entry count and the pool size (64-bit each); the entries, 32 bytes each (place id int64; key, name and skeleton
/// as offset and length in the pool, uint32 each), sorted by key bytes, place id and name
/// bytes; the skeleton order (uint32 entry numbers sorted by skeleton bytes, then entry number);
/// the string pool (UTF-8).
final class NameIndex: @unchecked Sendable {
    static let magic: UInt64 = 0x324D_414E_534C_5441  // "ATLSNAM2" little-endian
    static let headerBytes = 16
    static let entryBytes = 32

    /// Number of spellings.
    let count: Int
    /// The file's bytes (memory-mapped when read from disk); constant after init.
    private let data: Data
    private let poolBytes: Int

    /// Validates `data` as a name index payload (the bytes after the `SidecarFile` header).
    init(data: Data) throws {
        guard data.count >= Self.headerBytes else { throw StoreError.invalidValue("name index: truncated") }
        let (count, pool) = data.withUnsafeBytes { raw in
            (Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: Int64.self)),
             Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: Int64.self)))
        }
        guard count >= 0, pool >= 0, pool <= Int64(NameIndexBuilder.maximumPoolBytes),
              count <= Int64(data.count) / Int64(Self.entryBytes + 4),
              Int64(data.count) == Int64(Self.headerBytes) + count * Int64(Self.entryBytes + 4) + pool else {
            throw StoreError.invalidValue("name index: not a valid IncidentAtlas name index")
        }
        self.data = data
        self.count = Int(count)
        poolBytes = Int(pool)
    }

    // MARK: - Reading entries

    /// One spelling of the index.
    struct Entry: Sendable, Equatable {
        /// The place it names.
        let placeID: Int64
        /// The spelling as stored.
        let name: String
        /// Its folded key.
        let key: String
    }

    private var poolStart: Int { Self.headerBytes + count * (Self.entryBytes + 4) }

    /// The place id of entry `index` (0 ..< count, key order).
    func placeID(at index: Int) -> Int64 {
        data.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: Self.headerBytes + index * Self.entryBytes, as: Int64.self)) }
    }

    /// Field 0 = key, 1 = name, 2 = skeleton of entry `index`, as bytes of the pool. A span
    /// reaching past the pool (a damaged file) reads as empty rather than outside the mapping.
    private func withField<T>(_ field: Int, of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        data.withUnsafeBytes { raw in
            let base = Self.headerBytes + index * Self.entryBytes + 8 + field * 8
            var offset = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base, as: UInt32.self)))
            var length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: base + 4, as: UInt32.self)))
            if offset + length > poolBytes { offset = 0; length = 0 }
            let start = raw.baseAddress.map { $0.advanced(by: poolStart + offset).assumingMemoryBound(to: UInt8.self) }
            return body(UnsafeBufferPointer(start: start, count: length))
        }
    }

    /// Entry `index` with its strings.
    func entry(at index: Int) -> Entry {
        Entry(placeID: placeID(at: index),
              name: withField(1, of: index) { String(decoding: $0, as: UTF8.self) },
              key: withField(0, of: index) { String(decoding: $0, as: UTF8.self) })
    }

    /// The entry number at `position` of the skeleton order (0 for a damaged number).
    private func skeletonEntry(at position: Int) -> Int {
        let entry = data.withUnsafeBytes {
            Int(UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: Self.headerBytes + count * Self.entryBytes + position * 4, as: UInt32.self)))
        }
        return entry < count ? entry : 0
    }

    // MARK: - Lookups

    /// The first position in `0..<count` whose string (`field` of `entryAt(position)`) is not
    /// less than `target`.
    private func lowerBound(_ target: UnsafeBufferPointer<UInt8>, field: Int, entryAt: (Int) -> Int) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if withField(field, of: entryAt(middle), { NameIndexBuilder.compare($0, target) }) < 0 { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Entry numbers whose key is exactly `key`, in (place id, name) order.
    func entries(key: String) -> Range<Int> {
        var key = key
        return key.withUTF8 { target in
            let start = lowerBound(target, field: 0) { $0 }
            var end = start
            while end < count && withField(0, of: end, { NameIndexBuilder.compare($0, target) }) == 0 { end += 1 }
            return start..<end
        }
    }

    /// Entry numbers whose skeleton is exactly `skeleton`, at most `limit`, in entry order.
    func entries(skeleton: String, limit: Int) -> [Int] {
        var skeleton = skeleton
        return skeleton.withUTF8 { target in
            var position = lowerBound(target, field: 2) { self.skeletonEntry(at: $0) }
            var result: [Int] = []
            while position < count && result.count < limit {
                let entry = skeletonEntry(at: position)
                guard withField(2, of: entry, { NameIndexBuilder.compare($0, target) }) == 0 else { break }
                result.append(entry)
                position += 1
            }
            return result
        }
    }

    /// Entry numbers whose key starts with `prefix` and has `keyLengths` characters (Unicode
    /// scalars, as SQLite's `length()` counts), at most `limit`, in key order.
    func entries(keyPrefix prefix: String, keyLengths: ClosedRange<Int>, limit: Int) -> [Int] {
        var prefix = prefix
        return prefix.withUTF8 { target in
            var index = lowerBound(target, field: 0) { $0 }
            var result: [Int] = []
            while index < count && result.count < limit {
                let (hasPrefix, length) = withField(0, of: index) { key in
                    (key.count >= target.count && NameIndexBuilder.compare(UnsafeBufferPointer(rebasing: key[0..<target.count]), target) == 0,
                     key.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) })
                }
                guard hasPrefix else { break }
                if keyLengths.contains(length) { result.append(index) }
                index += 1
            }
            return result
        }
    }
}
