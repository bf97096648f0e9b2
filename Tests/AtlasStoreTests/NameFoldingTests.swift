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

    @Test func editDistanceCountsTranspositionsAsOne() {
        #expect(EditDistance.distance("handarat", "hindarat", limit: 2) == 1)
        #expect(EditDistance.distance("halab", "hlaab", limit: 2) == 1)
        #expect(EditDistance.distance("aleppo", "idlib", limit: 2) == 3)
        #expect(EditDistance.distance("", "ab", limit: 2) == 2)
    }
}
