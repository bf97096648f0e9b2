/// `NameFolding.key` for names written in ASCII only (nearly every GeoNames `asciiname` and most
/// alternate spellings), on bytes in one scratch buffer: no per-word arrays, no Unicode tables.
///
/// Folding is the Swift half of a gazetteer load (five or so spellings per place); the general
/// path builds arrays of scalars per word and was most of that time. This one applies exactly
/// the same rules (tests compare both on every bundled spelling and on random strings).
package enum ASCIINameFolding {
    /// The folded key of an all-ASCII `name`, or nil if `name` has a non-ASCII byte (then the
    /// general path must fold it).
    package static func key(_ name: String) -> String? {
        var name = name
        return name.withUTF8 { bytes -> String? in
            for byte in bytes where byte >= 0x80 { return nil }
            var key = ""
            withKey(ofASCII: bytes) { key = String(decoding: $0, as: UTF8.self) }
            return key
        }
    }

    /// Calls `body` with the folded key of the ASCII `bytes` (checked by the caller), which lies
    /// in a scratch buffer valid only inside `body`: a bulk load copies it where it goes without
    /// a `String` per spelling. Not generic: the bulk load calls it from another module, where an
    /// unspecialised generic would look up metadata on every spelling.
    package static func withKey(ofASCII bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        // Scratch: lowercased letters of every word back to back, then the folded output.
        // A folded word is never longer than its letters (`ch` → `sh` keeps the length).
        let count = bytes.count
        return try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * count + 2) { scratch in
            try withUnsafeTemporaryAllocation(of: (start: Int, end: Int).self, capacity: count / 2 + 2) { words in
                // 1. Words: letters and digits, lowercased; apostrophes vanish; anything else splits.
                var letters = 0, wordCount = 0, wordStart = 0
                for byte in bytes {
                    switch byte {
                    case 0x41...0x5A: scratch[letters] = byte + 0x20; letters += 1
                    case 0x61...0x7A, 0x30...0x39: scratch[letters] = byte; letters += 1
                    case 0x27, 0x60: continue
                    default:
                        if letters > wordStart { words[wordCount] = (wordStart, letters); wordCount += 1 }
                        wordStart = letters
                    }
                }
                if letters > wordStart { words[wordCount] = (wordStart, letters); wordCount += 1 }
                // 2. Articles go when something else is left.
                var keepArticles = true
                if wordCount > 1 {
                    for index in 0..<wordCount where !isArticle(scratch, words[index]) { keepArticles = false; break }
                }
                // 3. Each kept word folded into the output half of the scratch buffer.
                let outputStart = count + 1
                var output = outputStart
                for index in 0..<wordCount {
                    let word = words[index]
                    if !keepArticles && isArticle(scratch, word) { continue }
                    if output > outputStart { scratch[output] = 0x20; output += 1 }
                    output = foldWord(scratch, word, into: output)
                }
                return try body(UnsafeBufferPointer(rebasing: scratch[outputStart..<output]))
            }
        }
    }

    private static let a: UInt8 = 0x61, c: UInt8 = 0x63, e: UInt8 = 0x65, g: UInt8 = 0x67, h: UInt8 = 0x68
    private static let i: UInt8 = 0x69, k: UInt8 = 0x6B, o: UInt8 = 0x6F, q: UInt8 = 0x71, s: UInt8 = 0x73
    private static let u: UInt8 = 0x75, v: UInt8 = 0x76, w: UInt8 = 0x77, y: UInt8 = 0x79

    /// Rule 3 on one word (`scratch[word]`), written from `output`; returns the new end. Pairs
    /// are replaced left to right, then doubled letters collapse, then trailing h/a/e drop while
    /// more than two letters remain.
    private static func foldWord(_ scratch: UnsafeMutableBufferPointer<UInt8>, _ word: (start: Int, end: Int), into start: Int) -> Int {
        var end = start
        /// Appends a letter unless it doubles the previous one of this word.
        func emit(_ letter: UInt8) {
            if end > start && scratch[end - 1] == letter { return }
            scratch[end] = letter
            end += 1
        }
        var index = word.start
        while index < word.end {
            let current = scratch[index]
            let next: UInt8 = index + 1 < word.end ? scratch[index + 1] : 0
            switch (current, next) {
            case (c, h): emit(s); emit(h); index += 2
            case (k, h): emit(h); index += 2
            case (g, h): emit(g); index += 2
            case (o, u), (o, o): emit(u); index += 2
            case (e, i), (e, y), (a, y), (a, i): emit(e); index += 2
            case (i, y): emit(i); index += 2
            default:
                switch current {
                case q: emit(k)
                case y: emit(i)
                case v: emit(w)
                default: emit(current)
                }
                index += 1
            }
        }
        while end - start > 2, scratch[end - 1] == h || scratch[end - 1] == a || scratch[end - 1] == e { end -= 1 }
        return end
    }

    /// Whether `scratch[word]` is one of `NameFolding`'s article words.
    private static func isArticle(_ scratch: UnsafeMutableBufferPointer<UInt8>, _ word: (start: Int, end: Int)) -> Bool {
        let length = word.end - word.start
        guard length == 2 || length == 3 else { return false }
        let first = scratch[word.start], second = scratch[word.start + 1]
        let third: UInt8 = length == 3 ? scratch[word.start + 2] : 0
        return articles.contains(UInt32(first) << 16 | UInt32(second) << 8 | UInt32(third))
    }

    /// The article words packed as three bytes (the third 0 for two-letter articles).
    private static let articles: Set<UInt32> = Set(NameFolding.articleWords.map { word in
        let bytes = Array(word.utf8) + [0]
        return UInt32(bytes[0]) << 16 | UInt32(bytes[1]) << 8 | UInt32(bytes[2])
    })
}
