import AtlasModel
import AtlasTestSupport
import Foundation
import Testing
@testable import AtlasStore

/// The name index builder's sorts (two-byte buckets, 16-byte prefixes, equal prefixes refined)
/// against the order they must give, computed the slow way on whole strings.
@Suite struct NameIndexSortTests {
    /// Random spellings from a few syllables, so that many share their first 16 bytes, many
    /// are longer than 16 bytes, and a key often belongs to several places and spellings.
    private func randomSpellings(count: Int, seed: UInt64) -> [(Int64, String)] {
        var random = SeededRandom(seed: seed)
        let syllables = ["Qar", "yat ", "Al ", "Maz", "raat ", "Shar", "qiy", "ya", "Kh", "al", "id", "iyah", "Ha", "ma", "حم", "اة"]
        return (0..<count).map { _ in
            let place = Int64(random.next() % 400) + 1
            let parts = 1 + Int(random.next() % 9)
            let spelling = (0..<parts).map { _ in syllables[Int(random.next() % UInt64(syllables.count))] }.joined()
            return (place, spelling)
        }
    }

    private func bytes(_ builder: NameIndexBuilder, _ offset: UInt32, _ length: UInt32) -> [UInt8] {
        Array(builder.pool[Int(offset)..<Int(offset + length)])
    }

    @Test func keyOrderAndSkeletonOrderEqualTheOrderOfWholeStrings() throws {
        var builder = NameIndexBuilder()
        // 40,000 spellings: ten or so groups of buckets, sorted on different threads.
        var spellings = randomSpellings(count: 40_000, seed: 20_160_523)
        // A key of exactly 16 bytes beside longer keys that start with it.
        spellings += [(7, "Brunt Tarld Fnzb"), (7, "Brunt Tarld Fnzbt"), (8, "Brunt Tarld Fnzb"), (6, "Brunt Tarld Fnzbtr")]
        for (place, spelling) in spellings {
            guard let folded = FoldedName(spelling, language: "", isPreferred: false) else { continue }
            try builder.add(placeID: place, names: [folded])
        }
        let sorted = builder.sorted()
        // Expected: key bytes, then place, then name bytes; each (place, name) once.
        // Ties (the same key, place and name) by entry number, as the builder breaks them.
        let expected = builder.entries.enumerated().sorted { first, second in
            let (x, y) = (first.element, second.element)
            let keys = (bytes(builder, x.keyOffset, x.keyLength), bytes(builder, y.keyOffset, y.keyLength))
            if keys.0 != keys.1 { return keys.0.lexicographicallyPrecedes(keys.1) }
            if x.placeID != y.placeID { return x.placeID < y.placeID }
            let names = (bytes(builder, x.nameOffset, x.nameLength), bytes(builder, y.nameOffset, y.nameLength))
            if names.0 != names.1 { return names.0.lexicographicallyPrecedes(names.1) }
            return first.offset < second.offset
        }.map(\.element)
        var unique: [NameIndexBuilder.Entry] = []
        for entry in expected where !(unique.last.map {
            $0.placeID == entry.placeID && bytes(builder, $0.nameOffset, $0.nameLength) == bytes(builder, entry.nameOffset, entry.nameLength)
        } ?? false) {
            unique.append(entry)
        }
        #expect(unique.count < builder.entries.count, "the random spellings repeat some (place, name) pairs")
        // (elementsEqual, not ==: a failure then names the first differing position, not 6,000 strings.)
        #expect(sorted.entries.count == unique.count)
        let firstDifference = zip(sorted.entries, unique).enumerated().first { _, pair in
            pair.0.placeID != pair.1.placeID || pair.0.nameOffset != pair.1.nameOffset || pair.0.keyOffset != pair.1.keyOffset
        }?.offset
        #expect(firstDifference == nil)
        // Skeleton order: skeleton bytes, then position in key order.
        let skeletons = sorted.entries.map { bytes(builder, $0.skeletonOffset, $0.skeletonLength) }
        let expectedSkeletonOrder = skeletons.indices.sorted { a, b in
            skeletons[a] != skeletons[b] ? skeletons[a].lexicographicallyPrecedes(skeletons[b]) : a < b
        }
        #expect(sorted.skeletonOrder.map(Int.init).elementsEqual(expectedSkeletonOrder))
        #expect(skeletons.contains { $0.count > 16 })
        let sixteen = sorted.entries.firstIndex { bytes(builder, $0.keyOffset, $0.keyLength) == Array(NameFolding.key("Brunt Tarld Fnzb").utf8) }
        #expect(NameFolding.key("Brunt Tarld Fnzb").utf8.count == 16)
        #expect(sixteen != nil)
    }

    /// A bulk load's spellings (each place added once, its spellings distinct, places numbered
    /// out of order) sort the same with and without the check for repeats, and the file is the same.
    @Test func sortingDistinctSpellingsWithoutTheRepeatCheckGivesTheSameIndex() throws {
        var builder = NameIndexBuilder()
        var byPlace: [Int64: [String]] = [:]
        for (place, spelling) in randomSpellings(count: 30_000, seed: 19_890_101) where !(byPlace[place]?.contains(spelling) ?? false) {
            byPlace[place, default: []].append(spelling)
        }
        var random = SeededRandom(seed: 7)
        let places = byPlace.keys.sorted().map { ($0, random.next()) }.sorted { $0.1 < $1.1 }.map(\.0)
        for (number, place) in places.enumerated() {
            let names = byPlace[place]!.compactMap { FoldedName($0, language: "", isPreferred: false) }
            try builder.add(placeID: Int64(number), names: names)
        }
        let distinct = builder.numberPlaces(places)
        #expect(distinct)
        let checked = builder.sorted(), unchecked = builder.sorted(distinct: true)
        #expect(unchecked.entries.count == checked.entries.count)
        #expect(zip(unchecked.entries, checked.entries).allSatisfy { $0.placeID == $1.placeID && $0.nameOffset == $1.nameOffset })
        #expect(unchecked.skeletonOrder == checked.skeletonOrder)
        #expect(builder.fileData(unchecked) == builder.fileData(checked))
    }

    /// `numberPlaces` says whether the ids are distinct, in load order or not.
    @Test func numberingTellsWhetherTheIdsAreDistinct() {
        func distinct(_ ids: [Int64]) -> Bool {
            var builder = NameIndexBuilder()
            return builder.numberPlaces(ids)
        }
        #expect(distinct([1, 2, 30]))
        #expect(distinct([30, 2, 1]))
        #expect(!distinct([30, 2, 30]))
        #expect(distinct([]))
    }

    /// The buckets' introsort orders by prefix then entry number, however deep it may go before
    /// handing over to the standard library's sort (no limit, a limit of 1, none at all).
    @Test func theBucketSortOrdersByPrefixThenNumberAtAnyDepthLimit() {
        var random = SeededRandom(seed: 16)
        // Few distinct highs and lows: long runs of equal prefixes, told apart by number only.
        let prefixes = (0..<5_000).map { number in
            NameIndexBuilder.Prefix(high: random.next() % 5, low: random.next() % 3, number: UInt32(number))
        }.shuffled(using: &random)
        let expected = prefixes.sorted { ($0.high, $0.low, $0.number) < ($1.high, $1.low, $1.number) }
        for limit in [64, 1, 0] {
            var items = prefixes
            items.withUnsafeMutableBufferPointer { NameIndexBuilder.Prefix.sort($0, 0, $0.count, depthLimit: limit) }
            #expect(items == expected, "depth limit \(limit)")
        }
        var sorted = expected
        sorted.withUnsafeMutableBufferPointer { NameIndexBuilder.Prefix.sort($0) }
        #expect(sorted == expected)
    }

    /// No spelling and one spelling: nothing to sort, and still a valid index.
    @Test func emptyAndSingleBuildersGiveValidIndexes() throws {
        let empty = NameIndexBuilder()
        #expect(empty.sorted().entries.isEmpty)
        #expect(try NameIndex(data: empty.fileData(empty.sorted())).count == 0)
        var single = NameIndexBuilder()
        try single.add(placeID: 170_063, names: [try #require(FoldedName("Halab", language: "", isPreferred: true))])
        let index = try NameIndex(data: single.fileData(single.sorted()))
        #expect(index.count == 1)
        #expect(index.entries(key: NameFolding.key("Halab")).map { index.placeID(at: $0) } == [170_063])
    }

    /// Spellings collected in load order get their places' ids; numbers past the written places
    /// (a place that was not stored) lose their spellings.
    @Test func numberingReplacesLoadNumbersByIdsAndDropsUnwrittenPlaces() throws {
        var builder = NameIndexBuilder()
        for (number, name) in ["Hama", "Halab", "Idlib"].enumerated() {
            try builder.add(placeID: Int64(number), names: [try #require(FoldedName(name, language: "", isPreferred: true))])
        }
        builder.numberPlaces([163_345, 170_063])
        #expect(builder.entries.map(\.placeID) == [163_345, 170_063])
        #expect(builder.entries.map { String(decoding: bytes(builder, $0.nameOffset, $0.nameLength), as: UTF8.self) } == ["Hama", "Halab"])
    }
}
