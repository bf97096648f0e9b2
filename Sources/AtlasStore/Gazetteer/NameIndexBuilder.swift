import Foundation

/// Collects the spellings of a gazetteer and writes them as a `NameIndex` file: entries sorted by
/// folded key (byte order, SQLite's `BINARY`), then place id, then spelling, plus a second order
/// by skeleton.
///
/// Strings go into one byte pool as they are added, so adding costs a copy of the bytes and no
/// allocation per name; `sorted()` is the only O(n log n) step and can run on another thread.
struct NameIndexBuilder: Sendable {
    /// One spelling: the place and where its three strings lie in the pool.
    struct Entry: Sendable {
        var placeID: Int64
        var keyOffset: UInt32
        var keyLength: UInt32
        var nameOffset: UInt32
        var nameLength: UInt32
        var skeletonOffset: UInt32
        var skeletonLength: UInt32
    }

    private(set) var pool: [UInt8] = []
    private(set) var entries: [Entry] = []

    /// An empty builder.
    init() {}

    /// The largest pool the file format can address (offsets are 32-bit).
    static let maximumPoolBytes = Int(UInt32.max)

    /// Adds one spelling of place `placeID`. Throws when the pool would outgrow the format.
    mutating func add(placeID: Int64, name: String, key: String, skeleton: String) throws {
        let nameSpan = try append(name)
        let keySpan = try append(key)
        // A skeleton equal to its key (a name without vowels) shares the key's bytes.
        let skeletonSpan = skeleton == key ? keySpan : try append(skeleton)
        entries.append(Entry(placeID: placeID, keyOffset: keySpan.0, keyLength: keySpan.1,
                             nameOffset: nameSpan.0, nameLength: nameSpan.1,
                             skeletonOffset: skeletonSpan.0, skeletonLength: skeletonSpan.1))
    }

    /// Adds every spelling of `names` for place `placeID`, each once (as `place.names` stores them).
    mutating func add(placeID: Int64, names: [FoldedName]) throws {
        for (position, name) in names.enumerated() where !names[..<position].contains(where: { $0.name == name.name }) {
            try add(placeID: placeID, name: name.name, key: name.key, skeleton: name.skeleton)
        }
    }

    /// Replaces each entry's place id `n` by `ids[n]`: for spellings collected before their places
    /// had ids, numbered by place in load order. Numbers without an id (a place not written)
    /// drop their entries.
    mutating func numberPlaces(_ ids: [Int64]) {
        entries = entries.compactMap { entry in
            guard entry.placeID >= 0, entry.placeID < ids.count else { return nil }
            var numbered = entry
            numbered.placeID = ids[Int(entry.placeID)]
            return numbered
        }
    }

    private mutating func append(_ text: String) throws -> (UInt32, UInt32) {
        var text = text
        return try text.withUTF8 { bytes in
            guard pool.count + bytes.count <= Self.maximumPoolBytes else {
                throw StoreError.invalidValue("name index: more than 4 GiB of names")
            }
            let offset = UInt32(pool.count)
            pool.append(contentsOf: bytes)
            return (offset, UInt32(bytes.count))
        }
    }

    /// The entries in index order, duplicates (same key, place and spelling) removed, and the
    /// skeleton order over them. Pure; safe to run on another thread.
    func sorted() -> SortedNames {
        pool.withUnsafeBufferPointer { pool in
            func bytes(_ offset: UInt32, _ length: UInt32) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: pool[Int(offset)..<Int(offset) + Int(length)])
            }
            // The first eight bytes of the sort string as a big-endian number settle most
            // comparisons without touching the pool.
            func prefix(_ offset: UInt32, _ length: UInt32) -> UInt64 {
                var value: UInt64 = 0
                let count = min(Int(length), 8)
                for index in 0..<count { value |= UInt64(pool[Int(offset) + index]) << (56 - 8 * index) }
                return value
            }
            var byKey = entries.indices.map { (prefix(entries[$0].keyOffset, entries[$0].keyLength), UInt32($0)) }
            byKey.sort { a, b in
                if a.0 != b.0 { return a.0 < b.0 }
                let x = entries[Int(a.1)], y = entries[Int(b.1)]
                let order = Self.compare(bytes(x.keyOffset, x.keyLength), bytes(y.keyOffset, y.keyLength))
                if order != 0 { return order < 0 }
                if x.placeID != y.placeID { return x.placeID < y.placeID }
                let names = Self.compare(bytes(x.nameOffset, x.nameLength), bytes(y.nameOffset, y.nameLength))
                return names != 0 ? names < 0 : a.1 < b.1
            }
            var ordered: [Entry] = []
            ordered.reserveCapacity(byKey.count)
            for (_, index) in byKey {
                let entry = entries[Int(index)]
                if let last = ordered.last, last.placeID == entry.placeID,
                   Self.compare(bytes(last.nameOffset, last.nameLength), bytes(entry.nameOffset, entry.nameLength)) == 0 {
                    continue  // the same spelling twice for one place (its key is then equal too)
                }
                ordered.append(entry)
            }
            var bySkeleton = ordered.indices.map { (prefix(ordered[$0].skeletonOffset, ordered[$0].skeletonLength), UInt32($0)) }
            bySkeleton.sort { a, b in
                if a.0 != b.0 { return a.0 < b.0 }
                let x = ordered[Int(a.1)], y = ordered[Int(b.1)]
                let order = Self.compare(bytes(x.skeletonOffset, x.skeletonLength), bytes(y.skeletonOffset, y.skeletonLength))
                return order != 0 ? order < 0 : a.1 < b.1
            }
            return SortedNames(entries: ordered, skeletonOrder: bySkeleton.map(\.1))
        }
    }

    /// The entries of a builder in index order, ready to be written with the pool.
    struct SortedNames: Sendable {
        let entries: [Entry]
        let skeletonOrder: [UInt32]
    }

    /// The index file's bytes for `sorted` (from this builder's `sorted()`), stamped with the
    /// place generation it reflects.
    func fileData(_ sorted: SortedNames, generation: Int64) -> Data {
        let entriesStart = NameIndex.headerBytes
        let orderStart = entriesStart + sorted.entries.count * NameIndex.entryBytes
        let poolStart = orderStart + sorted.entries.count * 4
        var data = Data(count: poolStart + pool.count)
        data.withUnsafeMutableBytes { raw in
            func put<T: FixedWidthInteger>(_ value: T, at offset: Int) { raw.storeBytes(of: value.littleEndian, toByteOffset: offset, as: T.self) }
            put(NameIndex.magic, at: 0)
            put(generation, at: 8)
            put(Int64(sorted.entries.count), at: 16)
            put(Int64(pool.count), at: 24)
            for (number, entry) in sorted.entries.enumerated() {
                let offset = entriesStart + number * NameIndex.entryBytes
                put(entry.placeID, at: offset)
                put(entry.keyOffset, at: offset + 8)
                put(entry.keyLength, at: offset + 12)
                put(entry.nameOffset, at: offset + 16)
                put(entry.nameLength, at: offset + 20)
                put(entry.skeletonOffset, at: offset + 24)
                put(entry.skeletonLength, at: offset + 28)
            }
            for (position, number) in sorted.skeletonOrder.enumerated() { put(number, at: orderStart + position * 4) }
            pool.withUnsafeBytes { bytes in
                if let base = bytes.baseAddress, bytes.count > 0 {
                    raw.baseAddress?.advanced(by: poolStart).copyMemory(from: base, byteCount: bytes.count)
                }
            }
        }
        return data
    }

    /// Byte-wise comparison, shorter first on a common prefix (memcmp order, SQLite's `BINARY`).
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0, let x = a.baseAddress, let y = b.baseAddress {
            let order = memcmp(x, y, common)
            if order != 0 { return Int(order) }
        }
        return a.count - b.count
    }
}
