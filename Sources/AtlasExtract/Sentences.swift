import Foundation

/// Sentence and paragraph boundaries of a report, as character ranges.
enum Sentences {
    /// Sentences end at `.`, `!`, `?` followed by a space or line end, and at blank lines;
    /// a full stop after a one- or two-letter word (`U.S.`, `St.`) does not end a sentence.
    static func ranges(in text: String) -> [Range<String.Index>] {
        var result: [Range<String.Index>] = []
        var start = text.startIndex
        var index = text.startIndex
        var wordLength = 0
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            let atEnd = next == text.endIndex
            let followedBySpace = atEnd || text[next].isWhitespace || text[next] == "\u{201D}" || text[next] == "\""
            var ends = false
            if (character == "." || character == "!" || character == "?") && followedBySpace && wordLength > 2 { ends = true }
            if character == "\n" && !atEnd && text[next] == "\n" { ends = true }
            if character == "\n" && next < text.endIndex && text[start..<index].trimmingCharacters(in: .whitespaces).isEmpty == false
                && (text[text.index(before: index)] == "." || text[text.index(before: index)] == "\u{201D}") { ends = true }
            wordLength = character.isLetter || character.isNumber ? wordLength + 1 : 0
            if ends {
                if text[start..<next].contains(where: { !$0.isWhitespace }) { result.append(start..<next) }
                start = next
            }
            index = next
        }
        if text[start..<text.endIndex].contains(where: { !$0.isWhitespace }) { result.append(start..<text.endIndex) }
        return result
    }

    /// True if `index` begins a paragraph (text start, or after a line break and spaces).
    static func startsParagraph(_ index: String.Index, in text: String) -> Bool {
        var cursor = index
        while cursor > text.startIndex {
            cursor = text.index(before: cursor)
            let character = text[cursor]
            if character == "\n" { return true }
            if !character.isWhitespace { return false }
        }
        return true
    }
}
