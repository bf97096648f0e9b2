import AtlasStore
import Foundation

/// Where things stand in a report's text: words around a mention, sentence spans, headlines,
/// captions, datelines and character offsets.
extension ReportExtractor {
    /// Up to five words before `word` within its sentence, without "the" and "a".
    static func previousWords(_ words: TextWords, before word: Int, from sentenceStart: Int) -> [String] {
        var result: [String] = []
        var index = word - 1
        while index >= sentenceStart && result.count < 5 {
            if !Rule.determiners.contains(words.keys[index]) { result.insert(words.keys[index], at: 0) }
            index -= 1
        }
        return result
    }

    /// The word indices inside `sentence`.
    static func wordSpan(of sentence: Range<String.Index>, in words: TextWords) -> Range<Int> {
        let start = words.ranges.firstIndex(where: { $0.lowerBound >= sentence.lowerBound }) ?? words.count
        var end = start
        while end < words.count && words.ranges[end].lowerBound < sentence.upperBound { end += 1 }
        return start..<end
    }

    /// Names in English text are capitalised; Arabic script has no case.
    static func looksLikeAName(_ text: String, at index: String.Index) -> Bool {
        guard let first = text[index...].first(where: { $0.isLetter }) else { return false }
        return first.isUppercase || !first.isASCII && !first.isLowercase
    }

    /// Whether the one-word name at `word` stands beside another capitalised word that no
    /// mention covers and that is not an ordinary word: a person's or organisation's name.
    static func isInsideLongerName(_ word: Int, words: TextWords, text: String, mentions: [Mention], span: Range<Int>) -> Bool {
        func isOtherName(_ other: Int) -> Bool {
            guard span.contains(other), !mentions.contains(where: { ($0.firstWord..<($0.firstWord + $0.wordCount)).contains(other) }),
                  let first = text[words.ranges[other]].first, first.isUppercase, !CommonWords.folded.contains(words.keys[other]),
                  !PlaceCues.quarterNouns.contains(words.keys[other]), !PlaceCues.settlementNouns.contains(words.keys[other]) else { return false }
            return PlaceCues.adjoining(words, text: text, min(word, other), max(word, other))
        }
        let sentenceStart = word == span.lowerBound
        return isOtherName(word + 1) || (!sentenceStart && word - 1 >= span.lowerBound && isOtherName(word - 1))
    }

    /// The report's headline: a first line without a full stop, followed by a blank line.
    static func headline(of text: String) -> Range<String.Index>? {
        guard let end = text.range(of: "\n\n") else { return nil }
        let line = text[..<end.lowerBound]
        guard !line.contains("\n"), line.count <= 160, !line.trimmingCharacters(in: .whitespaces).hasSuffix(".") else { return nil }
        return text.startIndex..<end.lowerBound
    }

    /// Photo captions and credits describe a picture, not an event of the report.
    static func isCaption(_ sentence: String) -> Bool {
        let lower = sentence.prefix(12).lowercased()
        return lower.hasPrefix("photo") || lower.hasPrefix("caption") || lower.hasPrefix("(photo") || lower.hasPrefix("image:")
            || lower.hasPrefix("[photo") || lower.hasPrefix("file photo")
    }

    /// The start of a name with the article written before it ("al-Khalidiya", not "Khalidiya").
    static func withArticle(_ start: String.Index, in text: String) -> String.Index {
        for article in ["al-", "el-", "Al-", "El-", "al ", "Al "] {
            if let begin = text.index(start, offsetBy: -article.count, limitedBy: text.startIndex), text[begin..<start] == article {
                return begin
            }
        }
        return start
    }

    /// A dateline's place is followed by a comma, a parenthesis or a dash.
    static func followedByDatelineMark(_ text: String, after index: String.Index) -> Bool {
        guard let next = text[index...].first(where: { $0 != " " }) else { return false }
        return next == "," || next == "(" || next == "-" || next == "\u{2014}" || next == "\u{2013}"
    }

    /// Character offsets (base + position in `text`) of ranges given in text order.
    static func characterOffsets(of ranges: [Range<String.Index>], in text: String, base: Int) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = text.startIndex
        var count = 0
        for range in ranges {
            count += text.distance(from: index, to: range.lowerBound)
            let length = text.distance(from: range.lowerBound, to: range.upperBound)
            result.append((base + count)..<(base + count + length))
            count += length
            index = range.upperBound
        }
        return result
    }

    /// Paragraph-aligned pieces of at most 64 KiB (a longer paragraph is cut at a line end or space).
    static func segments(of text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var start = text.startIndex
        let limit = 1 << 16
        while start < text.endIndex {
            guard let hardEnd = text.utf8.index(start, offsetBy: limit, limitedBy: text.endIndex), hardEnd < text.endIndex else {
                result.append(start..<text.endIndex)
                break
            }
            var end = hardEnd
            let window = text[start..<hardEnd]
            if let cut = window.range(of: "\n\n", options: .backwards) ?? window.range(of: "\n", options: .backwards)
                ?? window.range(of: ". ", options: .backwards) ?? window.range(of: " ", options: .backwards) {
                end = cut.upperBound
            } else {
                while end < text.endIndex && !text[end].isWhitespace { end = text.index(after: end) }
            }
            result.append(start..<end)
            start = end
        }
        return result
    }
}
