import AtlasModel
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

    /// Reserves room for the spellings of a GeoNames-like file of `bytes` bytes, so that a bulk
    /// load does not copy (and fault in again) its growing arrays: the 126 MB benchmark file
    /// gives 3.2M entries (one per ~40 bytes) and a 70 MB pool. Reserved pages that are never
    /// written cost address space only.
    mutating func reserveCapacity(forFileBytes bytes: Int) {
        entries.reserveCapacity(bytes / 32)
        pool.reserveCapacity(min(bytes / 4 * 3, Self.maximumPoolBytes))
    }

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

    /// Adds one spelling of place `placeID` from UTF-8 bytes of its name and folded key (as
    /// `place.names` stores them); the skeleton is `NameFolding.skeleton(ofKey:)` of the key,
    /// made from the bytes when the key is ASCII. An empty key adds nothing.
    mutating func add(placeID: Int64, nameBytes: UnsafeRawBufferPointer, keyBytes: UnsafeRawBufferPointer) throws {
        guard !keyBytes.isEmpty else { return }
        guard pool.count + nameBytes.count + 2 * keyBytes.count <= Self.maximumPoolBytes else {
            throw StoreError.invalidValue("name index: more than 4 GiB of names")
        }
        guard !keyBytes.contains(where: { $0 >= 0x80 }) else {
            let key = String(decoding: keyBytes, as: UTF8.self)
            try add(placeID: placeID, name: String(decoding: nameBytes, as: UTF8.self), key: key, skeleton: NameFolding.skeleton(ofKey: key))
            return
        }
        let nameOffset = UInt32(pool.count)
        pool.append(contentsOf: nameBytes)
        let keyOffset = UInt32(pool.count)
        pool.append(contentsOf: keyBytes)
        // The skeleton only drops bytes of the key: one as long as its key is the key, and shares
        // its bytes.
        let skeletonOffset = UInt32(pool.count)
        NameFolding.forEachASCIISkeletonByte(ofKey: keyBytes) { pool.append($0) }
        var skeleton = (skeletonOffset, UInt32(pool.count) - skeletonOffset)
        if Int(skeleton.1) == keyBytes.count {
            pool.removeSubrange(Int(skeletonOffset)...)
            skeleton = (keyOffset, UInt32(keyBytes.count))
        }
        entries.append(Entry(placeID: placeID, keyOffset: keyOffset, keyLength: UInt32(keyBytes.count),
                             nameOffset: nameOffset, nameLength: UInt32(nameBytes.count),
                             skeletonOffset: skeleton.0, skeletonLength: skeleton.1))
    }

    /// Adds every spelling of `names` for place `placeID`. The names must not repeat a spelling
    /// (`PlaceRecord.foldedNames` leaves repeats out; `place.names` stores each once); a repeat
    /// across calls is still dropped by `sorted()`.
    mutating func add(placeID: Int64, names: [FoldedName]) throws {
        for name in names {
            try add(placeID: placeID, name: name.name, key: name.key, skeleton: name.skeleton)
        }
    }

    /// Replaces each entry's place id `n` by `ids[n]`: for spellings collected before their places
    /// had ids, numbered by place in load order. Numbers without an id (a place not written)
    /// drop their entries.
    ///
    /// - returns: whether `ids` are distinct. Then spellings of different numbers belong to
    ///   different places, and spellings added once per place (`add(placeID:names:)` with
    ///   distinct names, as a bulk load does) cannot repeat: `sorted(distinct: true)` may skip
    ///   its check for repeats.
    @discardableResult
    mutating func numberPlaces(_ ids: [Int64]) -> Bool {
        var unnumbered = false
        for index in entries.indices {
            let number = entries[index].placeID
            if number >= 0, number < ids.count {
                entries[index].placeID = ids[Int(number)]
            } else {
                entries[index].placeID = -1
                unnumbered = true
            }
        }
        if unnumbered { entries.removeAll { $0.placeID == -1 } }
        // A GeoNames dump lists its places by increasing id: then no sort or set is needed.
        if zip(ids, ids.dropFirst()).allSatisfy({ $0 < $1 }) { return true }
        return Set(ids).count == ids.count
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
    ///
    /// - parameter distinct: the caller knows no spelling repeats for a place (see
    ///   `numberPlaces`): the look for repeats is skipped, and the skeleton order is prepared in
    ///   the order the spellings were added, which reads the pool front to back instead of in
    ///   key order (a cache miss a spelling). The result is the same either way.
    func sorted(distinct: Bool = false) -> SortedNames {
        pool.withUnsafeBufferPointer { pool in
            func bytes(_ offset: UInt32, _ length: UInt32) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: pool[Int(offset)..<Int(offset) + Int(length)])
            }
            let byKey = Self.sortedByPrefix(entries.indices.map { number in
                Prefix(pool, entries[number].keyOffset, entries[number].keyLength, number: number)
            }, refining: { a, b in
                let x = entries[Int(a)], y = entries[Int(b)]
                // Equal prefixes of two keys of at most 16 bytes: the keys differ at most in
                // their length (trailing NUL bytes, which folding never produces; shorter first).
                if x.keyLength > 16 || y.keyLength > 16 {
                    let keys = Self.compare(bytes(x.keyOffset, x.keyLength), bytes(y.keyOffset, y.keyLength))
                    if keys != 0 { return keys < 0 }
                } else if x.keyLength != y.keyLength {
                    return x.keyLength < y.keyLength
                }
                if x.placeID != y.placeID { return x.placeID < y.placeID }
                let names = Self.compare(bytes(x.nameOffset, x.nameLength), bytes(y.nameOffset, y.nameLength))
                return names != 0 ? names < 0 : a < b
            })
            let ordered: [Entry]
            let skeletonPrefixes: [Prefix]
            if distinct {
                ordered = byKey.map { entries[Int($0.number)] }
                // Each spelling's position in key order, so that the skeleton prefixes can be
                // made in the order the pool was written and still carry that position.
                var position = [UInt32](repeating: 0, count: entries.count)
                for (index, key) in byKey.enumerated() { position[Int(key.number)] = UInt32(index) }
                skeletonPrefixes = entries.indices.map { number in
                    Prefix(pool, entries[number].skeletonOffset, entries[number].skeletonLength, number: Int(position[number]))
                }
            } else {
                var kept: [Entry] = []
                kept.reserveCapacity(byKey.count)
                for key in byKey {
                    let entry = entries[Int(key.number)]
                    if let last = kept.last, last.placeID == entry.placeID,
                       Self.compare(bytes(last.nameOffset, last.nameLength), bytes(entry.nameOffset, entry.nameLength)) == 0 {
                        continue  // the same spelling twice for one place (its key is then equal too)
                    }
                    kept.append(entry)
                }
                ordered = kept
                skeletonPrefixes = ordered.indices.map { number in
                    Prefix(pool, ordered[number].skeletonOffset, ordered[number].skeletonLength, number: number)
                }
            }
            let bySkeleton = Self.sortedByPrefix(skeletonPrefixes, refining: { a, b in
                let x = ordered[Int(a)], y = ordered[Int(b)]
                guard x.skeletonLength > 16 || y.skeletonLength > 16 else {
                    return x.skeletonLength != y.skeletonLength ? x.skeletonLength < y.skeletonLength : a < b
                }
                let skeletons = Self.compare(bytes(x.skeletonOffset, x.skeletonLength), bytes(y.skeletonOffset, y.skeletonLength))
                return skeletons != 0 ? skeletons < 0 : a < b
            })
            return SortedNames(entries: ordered, skeletonOrder: bySkeleton.map(\.number))
        }
    }

    /// What the sorts move: a string's first 16 bytes as two big-endian numbers (zero-padded;
    /// names hold no NUL byte, so the numbers order as the bytes do) and the number of the entry
    /// it belongs to. 24 bytes, compared without touching the pool or the entries.
    struct Prefix: Equatable {
        let high: UInt64
        let low: UInt64
        let number: UInt32

        /// A prefix of the given numbers (tests).
        init(high: UInt64, low: UInt64, number: UInt32) {
            self.high = high
            self.low = low
            self.number = number
        }

        /// Prefix, then entry number: a total order, since entry numbers are distinct.
        static func < (a: Prefix, b: Prefix) -> Bool {
            if a.high != b.high { return a.high < b.high }
            if a.low != b.low { return a.low < b.low }
            return a.number < b.number
        }

        /// Sorts `items` by `<`, in place. The order is total, so a sort need not be stable:
        /// an introsort (quicksort on a median of three, insertion sort for short ranges, the
        /// standard library's sort past twice the expected depth, so no input is quadratic)
        /// moves these 24-byte values about half as much as the standard library's merge sort,
        /// which was half of sorting a 1M-place load's spellings.
        static func sort(_ items: UnsafeMutableBufferPointer<Prefix>) {
            sort(items, 0, items.count, depthLimit: 2 * (Int.bitWidth - items.count.leadingZeroBitCount))
        }

        /// Sorts `items[start..<end]`; past `depthLimit` partitions, by the standard library.
        static func sort(_ items: UnsafeMutableBufferPointer<Prefix>, _ start: Int, _ end: Int, depthLimit: Int) {
            var start = start, end = end, depthLimit = depthLimit
            while end - start > 16 {
                if depthLimit == 0 {
                    var rest = UnsafeMutableBufferPointer(rebasing: items[start..<end])
                    rest.sort(by: <)
                    return
                }
                depthLimit -= 1
                // Median of three to the front as the pivot, then Hoare's partition.
                let middle = start + (end - start) / 2
                if items[middle] < items[start] { items.swapAt(middle, start) }
                if items[end - 1] < items[start] { items.swapAt(end - 1, start) }
                if items[end - 1] < items[middle] { items.swapAt(end - 1, middle) }
                items.swapAt(start, middle)
                let pivot = items[start]
                var low = start + 1, high = end - 1
                while true {
                    while low <= high && items[low] < pivot { low += 1 }
                    while low <= high && pivot < items[high] { high -= 1 }
                    if low >= high { break }
                    items.swapAt(low, high)
                    low += 1
                    high -= 1
                }
                items.swapAt(start, high)
                // The smaller side recursively, the larger one by the loop: O(log n) stack.
                if high - start < end - high - 1 {
                    sort(items, start, high, depthLimit: depthLimit)
                    start = high + 1
                } else {
                    sort(items, high + 1, end, depthLimit: depthLimit)
                    end = high
                }
            }
            // Insertion sort for what is left.
            if end - start > 1 {
                for index in (start + 1)..<end {
                    let item = items[index]
                    var position = index
                    while position > start && item < items[position - 1] {
                        items[position] = items[position - 1]
                        position -= 1
                    }
                    items[position] = item
                }
            }
        }

        init(_ pool: UnsafeBufferPointer<UInt8>, _ offset: UInt32, _ length: UInt32, number: Int) {
            var high: UInt64 = 0, low: UInt64 = 0
            let start = Int(offset)
            for index in 0..<min(Int(length), 16) {
                let byte = UInt64(pool[start + index])
                if index < 8 { high |= byte << (56 - 8 * index) } else { low |= byte << (56 - 8 * (index - 8)) }
            }
            self.high = high
            self.low = low
            self.number = UInt32(number)
        }
    }

    /// `prefixes` in the order of `isBefore` (entry numbers), which must agree with the order of
    /// the prefixes' bytes where those differ.
    ///
    /// Three steps: the prefixes are dealt into one bucket per first two bytes (a counting pass
    /// and a copy); each bucket is sorted by prefix, then entry number, spread over all cores;
    /// and each run of equal prefixes (the same key for a name and its `al-` form, strings
    /// longer than 16 bytes) is sorted again by `isBefore`. The costly comparison through the
    /// pool thus only meets the few equal prefixes, not every pair a whole sort would compare.
    private static func sortedByPrefix(
        _ prefixes: [Prefix], refining isBefore: (UInt32, UInt32) -> Bool
    ) -> [Prefix] {
        guard prefixes.count > 1 else { return prefixes }
        var starts = [Int](repeating: 0, count: 65_537)
        for prefix in prefixes { starts[Int(prefix.high >> 48) + 1] += 1 }
        for bucket in 1..<starts.count { starts[bucket] += starts[bucket - 1] }
        var dealt = Array(unsafeUninitializedCapacity: prefixes.count) { buffer, initialized in
            var next = starts
            for prefix in prefixes {
                let bucket = Int(prefix.high >> 48)
                (buffer.baseAddress! + next[bucket]).initialize(to: prefix)
                next[bucket] += 1
            }
            initialized = prefixes.count
        }
        // Groups of whole buckets of roughly equal size, one task each.
        var groups: [Range<Int>] = []
        let target = max(4_096, prefixes.count / 64)
        var first = 0
        for bucket in 0..<65_536 where starts[bucket + 1] - starts[first] >= target {
            groups.append(first..<(bucket + 1))
            first = bucket + 1
        }
        if first < 65_536 { groups.append(first..<65_536) }
        dealt.withUnsafeMutableBufferPointer { buffer in
            // Each task sorts only the elements of its own buckets: no two touch the same one.
            nonisolated(unsafe) let buffer = buffer
            nonisolated(unsafe) let isBefore = isBefore
            let starts = starts, groups = groups
            DispatchQueue.concurrentPerform(iterations: groups.count) { number in
                for bucket in groups[number] where starts[bucket + 1] - starts[bucket] > 1 {
                    let slice = UnsafeMutableBufferPointer(rebasing: buffer[starts[bucket]..<starts[bucket + 1]])
                    Prefix.sort(slice)
                    var run = 0
                    for index in 1...slice.count {
                        if index < slice.count, slice[index].high == slice[run].high, slice[index].low == slice[run].low { continue }
                        if index - run > 1 {
                            var equal = UnsafeMutableBufferPointer(rebasing: slice[run..<index])
                            equal.sort { isBefore($0.number, $1.number) }
                        }
                        run = index
                    }
                }
            }
        }
        return dealt
    }

    /// The entries of a builder in index order, ready to be written with the pool.
    struct SortedNames: Sendable {
        let entries: [Entry]
        let skeletonOrder: [UInt32]
    }

    /// The index payload for `sorted` (from this builder's `sorted()`).
    func fileData(_ sorted: SortedNames) -> Data {
        var data = Data(capacity: NameIndex.headerBytes + sorted.entries.count * (NameIndex.entryBytes + 4) + pool.count)
        serialize(sorted) { data.append(contentsOf: $0) }
        return data
    }

    /// Writes the index for `sorted` as a sidecar file at `path` stamped `stamp`, streamed: a
    /// large load does not hold a second copy of its names.
    func write(_ sorted: SortedNames, stamp: SidecarStamp, to path: String) throws {
        try SidecarFile.write(to: path, magic: NameIndex.magic, stamp: stamp) { emit in
            try serialize(sorted, emit: emit)
        }
    }

    /// The file's bytes in order, handed to `emit`: the header, entries and skeleton order in
    /// pieces of at most 1 MiB, then the whole pool in one piece. The entries are
    /// stored into the piece with fixed offsets (`NameIndex.entryBytes` each) rather than appended
    /// field by field, which was a large share of a bulk load's critical path.
    private func serialize(_ sorted: SortedNames, emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        let pieceBytes = 1 << 20
        let piece = UnsafeMutableRawBufferPointer.allocate(byteCount: pieceBytes, alignment: 8)
        defer { piece.deallocate() }
        var used = 0
        func put<T: FixedWidthInteger>(_ value: T) {
            piece.storeBytes(of: value.littleEndian, toByteOffset: used, as: T.self)
            used += MemoryLayout<T>.size
        }
        func flush(ifFewerThan room: Int) throws {
            if pieceBytes - used < room {
                try emit(UnsafeRawBufferPointer(rebasing: piece[0..<used]))
                used = 0
            }
        }
        put(Int64(sorted.entries.count))
        put(Int64(pool.count))
        if Self.entriesAreFileLayout {
            // The arrays' memory is the file's bytes: written as they are, without a copy.
            try emit(UnsafeRawBufferPointer(rebasing: piece[0..<used]))
            try sorted.entries.withUnsafeBytes(emit)
            try sorted.skeletonOrder.withUnsafeBytes(emit)
            try pool.withUnsafeBytes(emit)
            return
        }
        for entry in sorted.entries {
            try flush(ifFewerThan: NameIndex.entryBytes)
            put(entry.placeID)
            put(entry.keyOffset)
            put(entry.keyLength)
            put(entry.nameOffset)
            put(entry.nameLength)
            put(entry.skeletonOffset)
            put(entry.skeletonLength)
        }
        for number in sorted.skeletonOrder {
            try flush(ifFewerThan: 4)
            put(number)
        }
        try emit(UnsafeRawBufferPointer(rebasing: piece[0..<used]))
        try pool.withUnsafeBytes(emit)
    }

    /// Whether an `Entry` in memory is exactly its 32 bytes in the file (`NameIndex`): fields in
    /// the file's order, no padding, a little-endian machine. True on every platform the project
    /// builds for; checked rather than assumed.
    private static let entriesAreFileLayout: Bool = {
        #if _endian(little)
        MemoryLayout<Entry>.stride == NameIndex.entryBytes
            && MemoryLayout<Entry>.offset(of: \.placeID) == 0
            && MemoryLayout<Entry>.offset(of: \.keyOffset) == 8 && MemoryLayout<Entry>.offset(of: \.keyLength) == 12
            && MemoryLayout<Entry>.offset(of: \.nameOffset) == 16 && MemoryLayout<Entry>.offset(of: \.nameLength) == 20
            && MemoryLayout<Entry>.offset(of: \.skeletonOffset) == 24 && MemoryLayout<Entry>.offset(of: \.skeletonLength) == 28
        #else
        false
        #endif
    }()

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
