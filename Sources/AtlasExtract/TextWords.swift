import AtlasModel
import AtlasStore

/// The words of a report with the article words set aside, as the gazetteer's keys leave them out.
///
/// A word is an article by how it is written ("al", "el", "ash", …), not by its folded key: the
/// keys of "area" (`ar`) and "Ein" (`en`) equal article keys, and those words must stay.
struct TextWords {
    /// Folded non-article words.
    let keys: [String]
    /// Their ranges in the text.
    let ranges: [Range<String.Index>]

    init(_ text: String) {
        let words = NameFolding.words(in: text).filter { !($0.isArticle && Self.articles.contains(text[$0.range].lowercased())) }
        keys = words.map(\.key)
        ranges = words.map(\.range)
    }

    var count: Int { keys.count }

    /// Arabic articles as written in Latin script (the gazetteer's folding drops the same words).
    private static let articles: Set<String> = ["al", "el", "il", "ul", "ash", "as", "ad", "ar", "az", "at", "an", "adh", "ath",
                                                "ez", "es", "ed", "er", "et", "en", "ech", "ej", "aj", "esh"]
}
