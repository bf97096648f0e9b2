import AtlasModel
import AtlasTestSupport
import Testing

/// `EventTaxonomy.closest` (the "did you mean" of a refused type) against a brute force: the
/// first name at the least capped distance, every name measured in full.
@Suite struct EventTaxonomyClosestTests {
    private static let names = EventTaxonomy.eventTypes.map(\.name) + EventTaxonomy.subEventTypes.map(\.name)
        + EventTaxonomy.subEventTypes.map(\.shortName)

    private static func bruteForce(_ text: String) -> String {
        let wanted = EventTaxonomy.normalised(text)
        var best = names[0], bestDistance = Int.max
        for name in names {
            let distance = min(EditDistance.distance(wanted, EventTaxonomy.normalised(name), limit: 1_000), 100)
            if distance < bestDistance { (best, bestDistance) = (name, distance) }
        }
        return best
    }

    @Test func theClosestNameIsTheBruteForceOne() {
        var random = SeededRandom(seed: 41)
        let alphabet = Array("abcdefilnoprstuv -/")
        var texts = ["", "x", String(repeating: "z", count: 300), "shelling", "Shelling/artillery/missile attack", "batles", "Air strike"]
        for _ in 0..<400 {
            // Mostly mangled names (so the best distance is small), some random words.
            if random.unit() < 0.7 {
                var letters = Array(Self.names[Int(random.unit() * Double(Self.names.count))])
                for _ in 0..<Int(random.unit() * 6) where !letters.isEmpty {
                    letters[Int(random.unit() * Double(letters.count))] = alphabet[Int(random.unit() * Double(alphabet.count))]
                }
                texts.append(String(letters))
            } else {
                texts.append(String((0..<Int(random.unit() * 40)).map { _ in alphabet[Int(random.unit() * Double(alphabet.count))] }))
            }
        }
        for text in texts {
            #expect(EventTaxonomy.closest(to: text) == Self.bruteForce(text), "'\(text)'")
        }
    }
}
