import AtlasStore

/// The words of a report with the article words set aside, as the gazetteer's keys leave them out.
struct TextWords {
    /// Folded non-article words.
    let keys: [String]
    /// Their ranges in the text.
    let ranges: [Range<String.Index>]

    init(_ text: String) {
        let words = NameFolding.words(in: text).filter { !$0.isArticle }
        keys = words.map(\.key)
        ranges = words.map(\.range)
    }

    var count: Int { keys.count }
}
