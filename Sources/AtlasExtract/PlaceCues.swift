import AtlasModel
import AtlasStore
import Foundation

/// Names a report introduces as places by the words around them, whether or not the gazetteer
/// knows them: "the neighbourhoods of Sheikh Maqsood and Halidia", "the al-Khalidiya
/// neighbourhood", "the village of Ard al-Wata".
enum PlaceCues {
    /// A name introduced by a cue: its words (indices into `TextWords`) and whether the cue says
    /// it is a part of a city (neighbourhood, district, quarter) rather than a settlement.
    struct CuedName {
        var firstWord: Int
        var wordCount: Int
        var isQuarter: Bool
    }

    static let quarterNouns: Set<String> = Set(["neighbourhood", "neighbourhoods", "neighborhood", "neighborhoods", "district",
                                                "districts", "quarter", "quarters"].map(NameFolding.key))
    static let settlementNouns: Set<String> = Set(["village", "villages", "town", "towns", "settlement", "settlements", "area",
                                                   "square"].map(NameFolding.key))
    private static let and = NameFolding.key("and")

    /// The cued names among words `span` of `text`.
    static func names(in words: TextWords, text: String, span: Range<Int>) -> [CuedName] {
        var result: [CuedName] = []
        var index = span.lowerBound
        while index < span.upperBound {
            let key = words.keys[index]
            let quarter = quarterNouns.contains(key)
            guard quarter || settlementNouns.contains(key) else { index += 1; continue }
            let nameBefore = index > span.lowerBound && isNameWord(words, text: text, at: index - 1)
            if index + 1 < span.upperBound, words.keys[index + 1] == Rule.of, !nameBefore {
                // "the neighbourhoods of A, B and C": a list of capitalised names.
                var position = index + 2
                while position < span.upperBound {
                    let run = capitalisedRun(words, text: text, from: position, end: span.upperBound)
                    guard run > 0 else { break }
                    result.append(CuedName(firstWord: position, wordCount: run, isQuarter: quarter))
                    position += run
                    if position < span.upperBound, words.keys[position] == and { position += 1; continue }
                    if position < span.upperBound, text[words.ranges[position - 1].upperBound..<words.ranges[position].lowerBound].contains(",") { continue }
                    break
                }
                index = max(index + 1, position)
            } else {
                // "the Khalidiya neighbourhood", "the A and B neighbourhoods": capitalised words
                // just before the noun, and the names listed before them.
                var end = index
                while true {
                    var start = end
                    while start > span.lowerBound, isNameWord(words, text: text, at: start - 1),
                          start == end || adjoining(words, text: text, start - 1, start) { start -= 1 }
                    guard start < end else { break }
                    result.append(CuedName(firstWord: start, wordCount: end - start, isQuarter: quarter))
                    if start - 1 > span.lowerBound, words.keys[start - 1] == and { end = start - 1; continue }
                    if start > span.lowerBound, text[words.ranges[start - 1].upperBound..<words.ranges[start].lowerBound].contains(",") {
                        end = start; continue
                    }
                    break
                }
                index += 1
            }
        }
        return result
    }

    /// How many words from `start` form one capitalised name.
    private static func capitalisedRun(_ words: TextWords, text: String, from start: Int, end: Int) -> Int {
        var position = start
        while position < end, isNameWord(words, text: text, at: position),
              position == start || adjoining(words, text: text, position - 1, position) { position += 1 }
        return position - start
    }

    /// Whether words `a` and `a + 1` belong to one name: nothing but spaces, hyphens, apostrophes
    /// and an article between them (no comma, full stop or line break).
    static func adjoining(_ words: TextWords, text: String, _ a: Int, _ b: Int) -> Bool {
        text[words.ranges[a].upperBound..<words.ranges[b].lowerBound].allSatisfy { $0 == " " || $0 == "-" || $0 == "'" || $0 == "\u{2019}" || ($0.isLetter && $0.isLowercase) }
    }

    /// A capitalised word that is not an ordinary word ("The", "Monday") or a cue itself.
    private static func isNameWord(_ words: TextWords, text: String, at index: Int) -> Bool {
        let key = words.keys[index]
        guard let first = text[words.ranges[index]].first, first.isUppercase || (!first.isASCII && !first.isLowercase) else { return false }
        return !CommonWords.folded.contains(key) || nameParts.contains(key)
    }

    /// Whether `word` is a capitalised ordinary word that begins many names ("Jabal", "Tell").
    static func isNamePart(_ words: TextWords, text: String, at index: Int) -> Bool {
        guard nameParts.contains(words.keys[index]), let first = text[words.ranges[index]].first else { return false }
        return first.isUppercase
    }

    /// Ordinary words that begin many names ("Sheikh Maqsood", "Tell Rifaat", "Ard al-Wata").
    private static let nameParts: Set<String> = Set(["sheikh", "shaykh", "tal", "tell", "bab", "deir", "kafr", "ain", "ayn",
                                                     "jabal", "jebel", "ard", "beit", "bayt", "khirbet", "abu", "umm", "wadi", "qasr", "bustan", "hay", "haret"].map(NameFolding.key))
}
