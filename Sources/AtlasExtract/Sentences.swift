import Foundation

/// Sentence and paragraph boundaries of a report, as character ranges.
enum Sentences {
    /// Sentences end at `.`, `!`, `?` followed by a space or line end, and at blank lines;
    /// a full stop after a one- or two-letter word (`U.S.`, `St.`) does not end a sentence.
    static func ranges(in text: String) -> [Range<String.Index>] {
        // Over UTF-8 bytes: the boundaries are ASCII, and every other byte only counts as a letter.
        var result: [Range<String.Index>] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var sawContent = false
        var wordLength = 0
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            let next = utf8.index(after: index)
            let atEnd = next == utf8.endIndex
            let nextByte: UInt8 = atEnd ? 0x20 : utf8[next]
            var ends = false
            if (byte == 0x2E || byte == 0x21 || byte == 0x3F), wordLength > 2,
               nextByte == 0x20 || nextByte == 0x0A || nextByte == 0x0D || nextByte == 0x09 || nextByte == 0x22 || nextByte == 0xE2 {
                ends = true
            }
            if byte == 0x0A, nextByte == 0x0A { ends = true }
            let isLetter = byte >= 0x80 || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            wordLength = isLetter ? wordLength + 1 : 0
            if byte != 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 { sawContent = true }
            if ends {
                if sawContent { result.append(start..<next) }
                start = next
                sawContent = false
            }
            index = next
        }
        if sawContent { result.append(start..<utf8.endIndex) }
        return result
    }

    /// True if `index` begins a paragraph (text start, or after a line break and spaces).
    ///
    /// Walks back by Unicode scalars: a word's index may fall inside a grapheme cluster (a
    /// combining mark after a space), where stepping back by `Character` rounds down and can
    /// pass the start of the text.
    static func startsParagraph(_ index: String.Index, in text: String) -> Bool {
        let scalars = text.unicodeScalars
        var cursor = index
        while cursor > scalars.startIndex {
            cursor = scalars.index(before: cursor)
            let scalar = scalars[cursor]
            if scalar == "\n" { return true }
            if !scalar.properties.isWhitespace { return false }
        }
        return true
    }
}
