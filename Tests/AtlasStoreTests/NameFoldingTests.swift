import AtlasModel
import Testing
@testable import AtlasStore

@Suite struct NameFoldingTests {
    @Test(arguments: [
        ("Sheikh Maqsood", "Shaykh Maqsud"), ("Sheikh Maqsood", "Sheikh Maqsoud"), ("Sheikh Maqsood", "Cheikh Maksoud"),
        ("Sheikh Maqsood", "al- Sheikh Maqsoud"), ("Sheikh Maqsood", "SHEIKH MAQSOUD"),
        ("Halidia", "Khalidiya"), ("Halidia", "al-Khalidiyah"), ("Khmeimim", "Hmeimim"),
        ("Al-Salamiyah", "Salamiyah"), ("Al-Salamiyah", "As Salamīyah"), ("Salamiyah", "Salamiyeh"),
        ("Latakia", "Lattakia"), ("Hama", "Hamah"), ("Hama", "Ḩamāh"), ("Al-Nayrab", "Nairab"),
        ("Deir ez-Zor", "Deir el-Zor"), ("Dar'a", "Daraa"), ("Ein el-Tal", "Ain al-Tal"), ("Raqqa", "Ar-Raqqah"),
        ("Marj al-Sultan", "Marj as-Sultan"), ("Ard al-Wata", "Ard el Wata"), ("Ashrafiyeh", "Ashrafiyah"),
    ])
    func spellingsOfOneNameShareAKey(a: String, b: String) {
        #expect(NameFolding.key(a) == NameFolding.key(b), "\(a) → \(NameFolding.key(a)), \(b) → \(NameFolding.key(b))")
    }

    @Test(arguments: [("Aleppo", "Idlib"), ("Homs", "Hama"), ("Hama", "Hamra"), ("Tartus", "Tadmur"), ("Sheikh Maqsood", "Sheikh Najjar")])
    func differentNamesKeepDifferentKeys(a: String, b: String) {
        #expect(NameFolding.key(a) != NameFolding.key(b))
    }

    @Test func keyOfSheikhMaqsoodIsTheDocumentedOne() {
        #expect(NameFolding.key("Sheikh Maqsood") == "sh maksud")
        #expect(NameFolding.key("al-Khalidiyah") == "halidi")
    }

    @Test func anArticleAloneIsKept() {
        #expect(NameFolding.key("Al") == "al")
        #expect(NameFolding.key("El-Bab") == "bab")
    }

    @Test func arabicScriptVariantsMeet() {
        #expect(NameFolding.key("الشيخ مقصود") == NameFolding.key("شيخ مقصود"))
        #expect(NameFolding.key("حماة") == NameFolding.key("حماه"))
    }

    @Test func punctuationOnlyGivesAnEmptyKey() {
        #expect(NameFolding.key(" -- ' ") == "")
    }

    @Test func skeletonDropsVowelsAfterTheFirstLetter() {
        #expect(NameFolding.skeleton(ofKey: NameFolding.key("Handarat")) == NameFolding.skeleton(ofKey: NameFolding.key("Hindarat")))
        #expect(NameFolding.skeleton(ofKey: "en tal") == "entl")
    }

    /// The ASCII fast path of `skeleton(ofKey:)` must give what the scalar rule gives: drop
    /// spaces, keep the first letter, drop later vowels.
    @Test func asciiSkeletonMatchesTheScalarRule() {
        func reference(_ key: String) -> String {
            var output = ""
            for character in key where character != " " {
                if output.isEmpty || !"aeiou".contains(character) { output.append(character) }
            }
            return output
        }
        // Every key of up to four characters over vowels, consonants, a digit, a space and a
        // hyphen: leading spaces and vowels, runs of vowels, spaces between them.
        let alphabet = Array("aeioubkz 4-")
        var keys = [""]
        var shorter = [""]
        for _ in 1...4 {
            shorter = shorter.flatMap { prefix in alphabet.map { prefix + String($0) } }
            keys += shorter
        }
        for key in keys where NameFolding.skeleton(ofKey: key) != reference(key) {
            Issue.record("skeleton of \"\(key)\": \(NameFolding.skeleton(ofKey: key)), expected \(reference(key))")
        }
        #expect(keys.count == 16_105)
        #expect(NameFolding.skeleton(ofKey: " aeiou") == "a")
        #expect(NameFolding.skeleton(ofKey: "ḥalab") == "ḥlb")
    }

    @Test func editDistanceCountsTranspositionsAsOne() {
        #expect(EditDistance.distance("handarat", "hindarat", limit: 2) == 1)
        #expect(EditDistance.distance("halab", "hlaab", limit: 2) == 1)
        #expect(EditDistance.distance("aleppo", "idlib", limit: 2) == 3)
        #expect(EditDistance.distance("", "ab", limit: 2) == 2)
    }
}

@Suite struct ASCIINameFoldingTests {
    /// Every spelling the bundled data and the tests above use, plus awkward shapes.
    static let spellings = [
        "Sheikh Maqsood", "Shaykh Maqsud", "al- Sheikh Maqsoud", "SHEIKH MAQSOUD", "Khalidiya", "al-Khalidiyah",
        "Deir ez-Zor", "Dar'a", "Daraa", "Ein el-Tal", "Ar-Raqqah", "Al", "El-Bab", "al al", "a", "", " -- ' ",
        "Kafr Nabl", "Tell Rifaat", "Jisr al-Shughur", "Abu al-Duhur", "Ma`arrat an-Nu`man", "T-4", "OS57",
        "Bab al-Hawa", "ahha", "hah", "eee", "ch", "khkh", "ooou", "yyy", "qaq", "Ghouta", "Vvvw", "iyiy",
        "al-esh-ech-aj", "Aleppo  International   Airport", "x", "xa", "xah", "Halab9", "12 ash 34",
    ]

    @Test func theFastPathEqualsTheGeneralPathOnKnownSpellings() {
        for name in Self.spellings {
            #expect(ASCIINameFolding.key(name) == NameFolding.generalKey(name), "'\(name)'")
        }
    }

    @Test func theFastPathEqualsTheGeneralPathOnRandomASCII() {
        var state: UInt64 = 20160523
        let alphabet = Array("aeiouhkqcgsyvwlrtmnbdz AEIOUHKQ-'`.,0129".utf8)
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var bytes: [UInt8] = []
            for step in 0..<Int(state >> 60) + 1 {
                bytes.append(alphabet[Int((state >> UInt64(step * 5 % 58)) & 0xFF) % alphabet.count])
            }
            let name = String(decoding: bytes, as: UTF8.self)
            #expect(ASCIINameFolding.key(name) == NameFolding.generalKey(name), "'\(name)'")
        }
    }

    @Test func nonASCIINamesAreLeftToTheGeneralPath() {
        #expect(ASCIINameFolding.key("Ḩamāh") == nil)
        #expect(NameFolding.key("Ḩamāh") == NameFolding.key("Hamah"))
    }
}
