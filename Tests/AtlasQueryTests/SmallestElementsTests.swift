@testable import AtlasQuery
import AtlasTestSupport
import Testing

/// `SmallestElements` against sorting everything: random sequences (many ties, sorted,
/// reversed, all equal) and capacities around the buffer's compaction size, including 0 and
/// "keep everything". The cutoff must bound the answer and be the largest of `capacity` offers.
@Suite struct SmallestElementsTests {
    /// (value, offer order): ties on value are told apart by the second part in the check.
    private enum ByValue: SelectionOrder {
        static func precedes(_ a: (Int, Int), _ b: (Int, Int)) -> Bool { a.0 < b.0 }
    }

    private static func sequences(_ random: inout SeededRandom) -> [[Int]] {
        let count = Int(random.next() % 400)
        let wide = (0..<count).map { _ in Int(random.next() % 1_000_000) }
        let tied = (0..<count).map { _ in Int(random.next() % 7) }
        return [wide, tied, wide.sorted(), wide.sorted().reversed(), Array(repeating: 5, count: count), []]
    }

    @Test func keepsTheSmallestInOrderAsSortingDoes() {
        var random = SeededRandom(seed: 2026_12_07)
        for _ in 0..<200 {
            for values in Self.sequences(&random) {
                for capacity in [0, 1, 2, 3, 17, values.count / 2, values.count, values.count + 1, .max] {
                    var selection = SmallestElements<ByValue>(capacity: capacity)
                    for (order, value) in values.enumerated() { selection.offer((value, order)) }
                    let kept = selection.sorted()
                    let expected = values.sorted().prefix(capacity)
                    #expect(kept.map(\.0) == Array(expected), "capacity \(capacity) of \(values.count)")
                    // Each offered element kept at most once.
                    #expect(Set(kept.map(\.1)).count == kept.count)
                    if let cutoff = selection.cutoff {
                        // A bound on the answer (so it refuses none of it), and a tight one: the
                        // largest of `capacity` elements offered.
                        #expect(kept.last.map { $0.0 <= cutoff.0 } ?? false)
                        #expect(values.filter { $0 <= cutoff.0 }.count >= capacity)
                    }
                }
            }
        }
    }
}
