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
            var byKey = entries.indices.map { number in
                let entry = entries[number]
                return SortKey(pool, entry.keyOffset, entry.keyLength, tie: entry.placeID, number: number)
            }
            byKey.sort { a, b in
                let order = a.compare(b, pool)
                if order != 0 { return order < 0 }
                if a.tie != b.tie { return a.tie < b.tie }
                let x = entries[Int(a.number)], y = entries[Int(b.number)]
                let names = Self.compare(bytes(x.nameOffset, x.nameLength), bytes(y.nameOffset, y.nameLength))
                return names != 0 ? names < 0 : a.number < b.number
            }
            var ordered: [Entry] = []
            ordered.reserveCapacity(byKey.count)
            for key in byKey {
                let entry = entries[Int(key.number)]
                if let last = ordered.last, last.placeID == entry.placeID,
                   Self.compare(bytes(last.nameOffset, last.nameLength), bytes(entry.nameOffset, entry.nameLength)) == 0 {
                    continue  // the same spelling twice for one place (its key is then equal too)
                }
                ordered.append(entry)
            }
            var bySkeleton = ordered.indices.map { number in
                SortKey(pool, ordered[number].skeletonOffset, ordered[number].skeletonLength, tie: Int64(number), number: number)
            }
            bySkeleton.sort { a, b in
                let order = a.compare(b, pool)
                return order != 0 ? order < 0 : a.tie < b.tie
            }
            return SortedNames(entries: ordered, skeletonOrder: bySkeleton.map(\.number))
        }
    }

    /// What the sorts compare, held together so that most comparisons touch neither the pool nor
    /// the entries: the string's first 16 bytes as two big-endian numbers (zero-padded; names
    /// hold no NUL byte), its length and place in the pool, a tie-breaker and the entry number.
    private struct SortKey {
        let high: UInt64
        let low: UInt64
        let offset: UInt32
        let length: UInt32
        let tie: Int64
        let number: UInt32

        init(_ pool: UnsafeBufferPointer<UInt8>, _ offset: UInt32, _ length: UInt32, tie: Int64, number: Int) {
            var high: UInt64 = 0, low: UInt64 = 0
            let start = Int(offset)
            for index in 0..<min(Int(length), 16) {
                let byte = UInt64(pool[start + index])
                if index < 8 { high |= byte << (56 - 8 * index) } else { low |= byte << (56 - 8 * (index - 8)) }
            }
            self.high = high
            self.low = low
            self.offset = offset
            self.length = length
            self.tie = tie
            self.number = UInt32(number)
        }

        /// Byte order of the two strings (negative, zero, positive).
        func compare(_ other: SortKey, _ pool: UnsafeBufferPointer<UInt8>) -> Int {
            if high != other.high { return high < other.high ? -1 : 1 }
            if low != other.low { return low < other.low ? -1 : 1 }
            // Equal first 16 bytes: if one string has no more, the shorter one is first.
            if length <= 16 || other.length <= 16 { return Int(length) - Int(other.length) }
            return NameIndexBuilder.compare(UnsafeBufferPointer(rebasing: pool[Int(offset)..<Int(offset + length)]),
                                            UnsafeBufferPointer(rebasing: pool[Int(other.offset)..<Int(other.offset + other.length)]))
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
        var data = Data(capacity: NameIndex.headerBytes + sorted.entries.count * (NameIndex.entryBytes + 4) + pool.count)
        serialize(sorted, generation: generation) { data.append(contentsOf: $0) }
        return data
    }

    /// Writes the index file for `sorted` to a new file at `path` (replacing one there), in
    /// pieces of 1 MiB, so that a 12M-place load does not hold a second copy of its names.
    func write(_ sorted: SortedNames, generation: Int64, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
            throw StoreError.invalidValue("name index: cannot write \(path)")
        }
        defer { try? file.close() }
        do {
            try serialize(sorted, generation: generation) { try file.write(contentsOf: $0) }
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }

    /// The file's bytes in order, handed to `emit` in pieces.
    private func serialize(_ sorted: SortedNames, generation: Int64, emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { buffer.append(contentsOf: $0) } }
        func flushIfFull() throws {
            if buffer.count >= (1 << 20) - 64 {
                try buffer.withUnsafeBytes(emit)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        put(NameIndex.magic)
        put(generation)
        put(Int64(sorted.entries.count))
        put(Int64(pool.count))
        for entry in sorted.entries {
            put(entry.placeID)
            put(entry.keyOffset)
            put(entry.keyLength)
            put(entry.nameOffset)
            put(entry.nameLength)
            put(entry.skeletonOffset)
            put(entry.skeletonLength)
            try flushIfFull()
        }
        for number in sorted.skeletonOrder {
            put(number)
            try flushIfFull()
        }
        try buffer.withUnsafeBytes(emit)
        try pool.withUnsafeBytes(emit)
    }

    /// Sets the generation of an index file written by `write` (when it became known only after
    /// the file was written: the bulk load writes it during its commit).
    static func stamp(generation: Int64, onFileAt path: String) throws {
        guard let file = FileHandle(forUpdatingAtPath: path) else { throw StoreError.invalidValue("name index: cannot open \(path)") }
        defer { try? file.close() }
        try file.seek(toOffset: 8)
        try withUnsafeBytes(of: generation.littleEndian) { try file.write(contentsOf: Data($0)) }
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
