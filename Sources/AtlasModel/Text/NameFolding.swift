import Foundation

/// Folds a place name to one deterministic key so that romanisations of one Arabic name meet.
///
/// The rules, applied in order:
/// 1. Case and diacritics go (`Ḩamāh` → `hamah`); apostrophes and the ʿayn/hamza marks vanish
///    without splitting a word (`Dar'a` → `dara`); any other punctuation splits words.
/// 2. Arabic articles standing as their own word are dropped (`al-`, `el-`, `ash-`, `as-`, `ad-`,
///    `ar-`, `az-`, `at-`, `an-`, `ez-`, …), unless the article is the whole name.
/// 3. Within each Latin word: `ch`→`sh`, `kh`→`h`, `gh`→`g`, `q`→`k`, `ou`/`oo`→`u`,
///    `ei`/`ey`/`ay`/`ai`→`e`, `iy`→`i`, `y`→`i`, `v`→`w`; doubled letters become one; a trailing
///    `h`, `a` or `e` is dropped (repeatedly, keeping at least two letters).
/// 4. Arabic-script words lose harakat and tatweel, alef forms become bare alef, ta marbuta
///    becomes ha, and a leading `ال` is dropped.
///
/// For example, `Sheikh Maqsood`, `Shaykh Maqsud` and `Cheikh Maksoud` all fold to `sh maksud`;
/// `Halidia`, `Khalidiya` and `al-Khalidiyah` to `halidi`.
public enum NameFolding {
    /// The folded key of `name`; an empty string if the name has no letters or digits.
    public static func key(_ name: String) -> String {
        ASCIINameFolding.key(name) ?? generalKey(name)
    }

    /// `key` by the general path, for any script (the ASCII fast path must equal it).
    package static func generalKey(_ name: String) -> String {
        var words = splitWords(name)
        dropArticles(&words)
        var output = String.UnicodeScalarView()
        for (index, word) in words.enumerated() {
            if index > 0 { output.append(" ") }
            let folded = isLatin(word) ? foldLatin(word) : foldOtherScript(word)
            for value in folded { if let scalar = Unicode.Scalar(value) { output.append(scalar) } }
        }
        return String(output)
    }

    /// The ASCII rule of `skeleton(ofKey:)` on the bytes of an ASCII key: each byte it keeps, in
    /// order, to `keep` (spaces go; vowels stay only as the first letter). It only drops bytes.
    @inline(__always)
    package static func forEachASCIISkeletonByte(ofKey bytes: UnsafeRawBufferPointer, _ keep: (UInt8) -> Void) {
        var first = true
        for byte in bytes where byte != 0x20 {
            let isVowel = byte == 0x61 || byte == 0x65 || byte == 0x69 || byte == 0x6F || byte == 0x75
            if first || !isVowel {
                keep(byte)
                first = false
            }
        }
    }

    /// A looser key for fuzzy candidate lookup: the folded key without spaces and without
    /// vowels after the first letter (`handarat` and `hindarat` both give `hndrt`).
    public static func skeleton(ofKey key: String) -> String {
        // Keys are mostly ASCII: drop bytes in one pass (a bulk load takes ~4M skeletons).
        var key = key
        if let ascii = key.withUTF8({ bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { output in
                var count = 0
                forEachASCIISkeletonByte(ofKey: UnsafeRawBufferPointer(bytes)) { output[count] = $0; count += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: output[0..<count]), as: UTF8.self)
            }
        }) {
            return ascii
        }
        var output = String.UnicodeScalarView()
        for scalar in key.unicodeScalars where scalar != " " {
            let isVowel = scalar == "a" || scalar == "e" || scalar == "i" || scalar == "o" || scalar == "u"
            if output.isEmpty || !isVowel { output.append(scalar) }
        }
        return String(output)
    }

    // MARK: - Words of running text

    /// One word of a text, folded like a one-word name, with where it stands in the text.
    public struct TextWord: Sendable, Equatable {
        /// The folded word (`Maqsoud` → `maksud`).
        public var key: String
        /// True for Arabic article words (`al`, `el`, `ash` …), which names' keys leave out.
        public var isArticle: Bool
        /// The word's range in the original text.
        public var range: Range<String.Index>
    }

    /// The words of `text` with their folded keys and ranges: what mention finding matches
    /// gazetteer keys against, word by word, so `Homs` never matches inside `al-Homsy`.
    public static func words(in text: String) -> [TextWord] {
        var words: [TextWord] = []
        var start: String.Index?
        var index = text.unicodeScalars.startIndex
        func close(at end: String.Index) {
            guard let begin = start else { return }
            start = nil
            let word = String(text.unicodeScalars[begin..<end])
            let key = Self.key(word)
            guard !key.isEmpty else { return }
            words.append(TextWord(key: key, isArticle: articleKeys.contains(key), range: begin..<end))
        }
        while index < text.unicodeScalars.endIndex {
            let scalar = text.unicodeScalars[index]
            if isWordScalar(scalar) {
                if start == nil { start = index }
            } else {
                close(at: index)
            }
            index = text.unicodeScalars.index(after: index)
        }
        close(at: text.unicodeScalars.endIndex)
        return words
    }

    /// Letters, digits, combining marks and the apostrophes that live inside words.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {  // ASCII: no Unicode property lookup
            return (value >= 0x61 && value <= 0x7A) || (value >= 0x41 && value <= 0x5A) || (value >= 0x30 && value <= 0x39)
                || value == 0x27 || value == 0x60
        }
        switch scalar.value {
        case 0x27, 0x60, 0xB4, 0x2BB, 0x2BC, 0x2BE, 0x2BF, 0x2018, 0x2019, 0x2032: return true
        case 0x300...0x36F, 0x64B...0x65F, 0x670, 0x640: return true
        default: return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
        }
    }

    /// Folded forms of the article words.
    private static let articleKeys: Set<String> = Set(articles.map { Self.key(String(decoding: $0.map { UInt8($0) }, as: UTF8.self)) })

    // MARK: - Words

    /// Words of the name as scalar values: lowercased, without diacritics and apostrophes.
    static func splitWords(_ name: String) -> [[UInt32]] {
        let isASCII = name.utf8.allSatisfy { $0 < 0x80 }
        let source = isASCII ? name : name.decomposedStringWithCanonicalMapping
        var words: [[UInt32]] = []
        var current: [UInt32] = []
        func endWord() {
            if !current.isEmpty { words.append(current); current = [] }
        }
        for scalar in source.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x41...0x5A: current.append(value + 0x20)
            case 0x61...0x7A, 0x30...0x39: current.append(value)
            case 0x27, 0x60, 0xB4, 0x2BB, 0x2BC, 0x2BE, 0x2BF, 0x2018, 0x2019, 0x2032:
                continue  // apostrophes, ʿayn and hamza marks: part of the word, no sound of their own
            case 0x300...0x36F, 0x64B...0x65F, 0x670, 0x640:
                continue  // combining diacritics, Arabic harakat, tatweel
            case 0x80...:
                if let replacement = latinReplacement[value] {
                    current.append(contentsOf: replacement)
                } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                    current.append(contentsOf: lowercased(scalar))
                } else {
                    endWord()
                }
            default:
                endWord()
            }
        }
        endWord()
        return words
    }

    /// Letters with no decomposition that still have a plain Latin reading.
    private static let latinReplacement: [UInt32: [UInt32]] = {
        let pairs: [(Character, String)] = [
            ("ß", "ss"), ("æ", "ae"), ("Æ", "ae"), ("ø", "o"), ("Ø", "o"), ("ł", "l"), ("Ł", "l"),
            ("đ", "d"), ("Đ", "d"), ("ı", "i"), ("œ", "oe"), ("Œ", "oe"), ("þ", "th"), ("ð", "d"),
            ("ḥ", "h"), ("Ḥ", "h"),
        ]
        var table: [UInt32: [UInt32]] = [:]
        for (character, text) in pairs {
            guard let scalar = character.unicodeScalars.first else { continue }
            table[scalar.value] = text.unicodeScalars.map(\.value)
        }
        return table
    }()

    private static func lowercased(_ scalar: Unicode.Scalar) -> [UInt32] {
        scalar.properties.lowercaseMapping.unicodeScalars.map(\.value)
    }

    // MARK: - Articles

    /// Arabic articles in their common romanisations, as words of their own (lowercase ASCII,
    /// two or three letters).
    static let articleWords = ["al", "el", "il", "ul", "ash", "as", "ad", "ar", "az", "at", "an", "adh", "ath",
                               "ez", "es", "ed", "er", "et", "en", "ech", "ej", "aj", "esh"]

    /// `articleWords` as scalar values.
    private static let articles: Set<[UInt32]> = Set(articleWords.map { $0.unicodeScalars.map(\.value) })

    private static func dropArticles(_ words: inout [[UInt32]]) {
        guard words.count > 1 else { return }
        let kept = words.filter { !articles.contains($0) }
        if !kept.isEmpty { words = kept }
    }

    // MARK: - Latin words

    private static func isLatin(_ word: [UInt32]) -> Bool {
        word.allSatisfy { $0 < 0x80 }
    }

    private static let a: UInt32 = 0x61, c: UInt32 = 0x63, e: UInt32 = 0x65, g: UInt32 = 0x67
    private static let h: UInt32 = 0x68, i: UInt32 = 0x69, k: UInt32 = 0x6B, o: UInt32 = 0x6F
    private static let q: UInt32 = 0x71, s: UInt32 = 0x73, u: UInt32 = 0x75, v: UInt32 = 0x76
    private static let w: UInt32 = 0x77, y: UInt32 = 0x79

    /// Applies the consonant and vowel equivalences of rule 3 to one lowercase ASCII word.
    static func foldLatin(_ word: [UInt32]) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(word.count + 1)
        var index = 0
        while index < word.count {
            let current = word[index]
            let next: UInt32 = index + 1 < word.count ? word[index + 1] : 0
            switch (current, next) {
            case (c, h): out.append(s); out.append(h); index += 2
            case (k, h): out.append(h); index += 2
            case (g, h): out.append(g); index += 2
            case (o, u), (o, o): out.append(u); index += 2
            case (e, i), (e, y), (a, y), (a, i): out.append(e); index += 2
            case (i, y): out.append(i); index += 2
            default:
                switch current {
                case q: out.append(k)
                case y: out.append(i)
                case v: out.append(w)
                default: out.append(current)
                }
                index += 1
            }
        }
        var collapsed: [UInt32] = []
        collapsed.reserveCapacity(out.count)
        for letter in out where collapsed.last != letter { collapsed.append(letter) }
        while collapsed.count > 2, let last = collapsed.last, last == h || last == a || last == e {
            collapsed.removeLast()
        }
        return collapsed
    }

    // MARK: - Other scripts

    /// Arabic: bare alef for its variants, ha for ta marbuta, ya for alef maqsura, no leading ال.
    static func foldOtherScript(_ word: [UInt32]) -> [UInt32] {
        var out = word.map { value -> UInt32 in
            switch value {
            case 0x622, 0x623, 0x625, 0x671: return 0x627
            case 0x629: return 0x647
            case 0x649: return 0x64A
            default: return value
            }
        }
        if out.count > 3, out[0] == 0x627, out[1] == 0x644 { out.removeFirst(2) }
        return out
    }
}
