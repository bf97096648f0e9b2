import AtlasModel
/// The `place.names` column: every spelling of a place, as one JSON array of
/// `[name, key, language, preferred]` arrays, e.g.
/// `[["Sheikh Maqsood","shekmaksud","",1],["الشيخ مقصود","شيخمقصود","ar",0]]`.
///
/// Why one column and not a row per spelling: a 1M-place GeoNames load stores ~3M spellings, and
/// SQLite needs ~4.5 s to insert them as rows even in place order, against ~1 s as part of the
/// place rows. SQL users read the spellings through the `place_name` view (`json_each`); searches
/// use `NameIndex`, built from this column. A spelling appears once per place (exact bytes).
enum PlaceNamesColumn {
    /// One stored spelling.
    struct StoredName: Sendable, Equatable {
        /// The spelling as written.
        var name: String
        /// Its folded key (`NameFolding.key`).
        var key: String
        /// ISO language code, or "".
        var language: String
        /// Whether the source marks it preferred.
        var isPreferred: Bool
    }

    /// The column text for `names`, in their order, each spelling once (first occurrence kept).
    static func encode(_ names: [FoldedName]) -> String {
        var out: [UInt8] = []
        encode(names, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `encode(_:)` as UTF-8 bytes appended to `out`: a bulk load's writer reuses one buffer and
    /// binds its bytes, without a `String` per row.
    /// With `distinct` the caller promises that no spelling repeats (`PlaceRecord.foldedNames`
    /// leaves repeats out already), and the look-back is skipped.
    static func encode(_ names: [FoldedName], into out: inout [UInt8], distinct: Bool = false) {
        if distinct, appendPlain(names, to: &out) { return }
        let start = out.count
        out.reserveCapacity(start + names.reduce(2) { $0 + 2 * $1.name.utf8.count + $1.language.utf8.count + 12 })
        out.append(0x5B)
        var seen: Set<String> = []
        for (position, name) in names.enumerated() {
            // Lists are short: a linear look-back is cheaper than hashing until they are not.
            if distinct {
                // Nothing to check.
            } else if names.count > 16 {
                guard seen.insert(name.name).inserted else { continue }
            } else if names[..<position].contains(where: { $0.name == name.name }) {
                continue
            }
            append(name: name.name, key: name.key, language: name.language, isPreferred: name.isPreferred, after: start + 1, to: &out)
        }
        out.append(0x5D)
    }

    /// `encode(names, distinct: true)` appended to `out` in one pass of pointer writes, when no
    /// string of `names` has a byte JSON would escape (then true); false, with `out` as it was,
    /// otherwise. Appending piece by piece was ~a third of a bulk load's writing thread.
    private static func appendPlain(_ names: [FoldedName], to out: inout [UInt8]) -> Bool {
        var room = 2
        for name in names { room += name.name.utf8.count + name.key.utf8.count + name.language.utf8.count + plainSpellingBytes }
        return appendPlain(count: names.count, room: room, to: &out) { position, cursor in
            var name = names[position].name, key = names[position].key, language = names[position].language
            return name.withUTF8 { name in
                key.withUTF8 { key in
                    language.withUTF8 { language in
                        putPlainSpelling(name: name, key: key, language: language, isPreferred: names[position].isPreferred,
                                         first: position == 0, at: &cursor)
                    }
                }
            }
        }
    }

    /// Bytes a spelling's array takes in the column besides its three strings, with the comma
    /// before it: `,["","","",0]`.
    static let plainSpellingBytes = 13

    /// Appends the column text of `count` spellings to `out`, each written by `spelling` (its
    /// position, a cursor) with `putPlainSpelling`, in at most `room` bytes (2 for the brackets
    /// plus, per spelling, its strings and `plainSpellingBytes`). False, and `out` as it was,
    /// when `spelling` returns false (a byte to escape).
    static func appendPlain(count: Int, room: Int, to out: inout [UInt8],
                            spelling: (Int, inout UnsafeMutablePointer<UInt8>) -> Bool) -> Bool {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: room))
        let written = out.withUnsafeMutableBufferPointer { buffer -> Int? in
            // One cursor passed inout, not captured by nested functions: a captured variable is
            // boxed and each write checked for exclusive access at run time.
            var at = buffer.baseAddress! + start
            put(0x5B, at: &at)
            for position in 0..<count {
                guard spelling(position, &at) else { return nil }
            }
            put(0x5D, at: &at)
            return at - buffer.baseAddress!
        }
        guard let written else {
            out.removeSubrange(start...)
            return false
        }
        out.removeSubrange(written...)
        return true
    }

    /// Writes one spelling's array `["name","key","language",0|1]` at `cursor`, after a comma
    /// unless it is the `first`, and advances the cursor; false (the cursor somewhere inside
    /// what was written) when a string has a byte JSON would escape.
    static func putPlainSpelling(name: UnsafeBufferPointer<UInt8>, key: UnsafeBufferPointer<UInt8>, language: UnsafeBufferPointer<UInt8>,
                                 isPreferred: Bool, first: Bool, at cursor: inout UnsafeMutablePointer<UInt8>) -> Bool {
        if !first { put(0x2C, at: &cursor) }
        put(0x5B, at: &cursor)
        guard putQuoted(name, at: &cursor) else { return false }
        put(0x2C, at: &cursor)
        guard putQuoted(key, at: &cursor) else { return false }
        put(0x2C, at: &cursor)
        guard putQuoted(language, at: &cursor) else { return false }
        put(0x2C, at: &cursor)
        put(isPreferred ? 0x31 : 0x30, at: &cursor)
        put(0x5D, at: &cursor)
        return true
    }

    /// Writes `byte` at `cursor` and advances it.
    private static func put(_ byte: UInt8, at cursor: inout UnsafeMutablePointer<UInt8>) {
        cursor.pointee = byte
        cursor += 1
    }

    /// Writes `bytes` as a JSON string literal at `cursor` and advances it; false (nothing
    /// written) when a byte of it would need an escape.
    private static func putQuoted(_ bytes: UnsafeBufferPointer<UInt8>, at cursor: inout UnsafeMutablePointer<UInt8>) -> Bool {
        if bytes.contains(where: FlatJSON.needsEscape) { return false }
        put(0x22, at: &cursor)
        if let source = bytes.baseAddress, !bytes.isEmpty {
            cursor.update(from: source, count: bytes.count)
            cursor += bytes.count
        }
        put(0x22, at: &cursor)
        return true
    }

    /// The column text for already stored spellings (see `merge`).
    static func encode(_ names: [StoredName]) -> String {
        var out: [UInt8] = [0x5B]
        for name in names { append(name: name.name, key: name.key, language: name.language, isPreferred: name.isPreferred, after: 1, to: &out) }
        out.append(0x5D)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends one spelling's array, after a comma unless `out` ends at `first` (the array's
    /// first element goes there).
    private static func append(name: String, key: String, language: String, isPreferred: Bool, after first: Int, to out: inout [UInt8]) {
        if out.count > first { out.append(0x2C) }
        out.append(0x5B)
        FlatJSON.appendQuoted(name, to: &out)
        out.append(0x2C)
        FlatJSON.appendQuoted(key, to: &out)
        out.append(0x2C)
        FlatJSON.appendQuoted(language, to: &out)
        out.append(contentsOf: isPreferred ? [0x2C, 0x31, 0x5D] : [0x2C, 0x30, 0x5D])
    }

    /// The byte ranges of each spelling's name and key in `text` when it is exactly what
    /// `encode` writes for names without characters to escape (`[["name","key","lang",0],…]`, no
    /// backslash, no spaces between tokens), appended to `spans`; false otherwise (then
    /// `spans` is as it was and `decode` must read the text). Rebuilding the name index reads
    /// 1M of these without building a string per name.
    static func plainSpellings(_ text: UnsafeRawBufferPointer, into spans: inout [(name: Range<Int>, key: Range<Int>)]) -> Bool {
        let start = spans.count
        var index = 0
        let count = text.count
        func expect(_ byte: UInt8) -> Bool {
            guard index < count, text[index] == byte else { return false }
            index += 1
            return true
        }
        /// A quoted string without escapes; its contents' range.
        func string() -> Range<Int>? {
            guard expect(0x22) else { return nil }
            let first = index
            while index < count, text[index] != 0x22 {
                guard text[index] != 0x5C else { return nil }
                index += 1
            }
            guard index < count else { return nil }
            index += 1
            return first..<(index - 1)
        }
        func fail() -> Bool {
            spans.removeSubrange(start...)
            return false
        }
        guard expect(0x5B) else { return false }
        if expect(0x5D) { return index == count }
        repeat {
            guard expect(0x5B), let name = string(), expect(0x2C), let key = string(), expect(0x2C), string() != nil,
                  expect(0x2C), expect(0x30) || expect(0x31), expect(0x5D) else { return fail() }
            spans.append((name, key))
        } while expect(0x2C)
        guard expect(0x5D), index == count else { return fail() }
        return true
    }

    /// The spellings of a column text; nil if it is not an array of such arrays (a value another
    /// tool wrote). Extra elements after the fourth are ignored; language and flag may be missing.
    static func decode(_ text: String) -> [StoredName]? {
        var scanner = JSONScanner(Array(text.utf8)[...])
        guard scanner.expect(0x5B) else { return nil }
        var names: [StoredName] = []
        if scanner.expect(0x5D) { return scanner.isAtEnd ? names : nil }
        repeat {
            guard scanner.expect(0x5B), let name = scanner.string(), scanner.expect(0x2C), let key = scanner.string() else { return nil }
            var language = "", isPreferred = false
            if scanner.expect(0x2C) {
                guard let value = scanner.string() else { return nil }
                language = value
                if scanner.expect(0x2C) {
                    guard let flag = scanner.flag() else { return nil }
                    isPreferred = flag
                    while scanner.expect(0x2C) {
                        guard scanner.string() != nil || scanner.flag() != nil else { return nil }
                    }
                }
            }
            guard scanner.expect(0x5D) else { return nil }
            names.append(StoredName(name: name, key: key, language: language, isPreferred: isPreferred))
        } while scanner.expect(0x2C)
        guard scanner.expect(0x5D), scanner.isAtEnd else { return nil }
        return names
    }

    /// `stored` with the spellings of `added` it lacks appended; `stored` itself (same text) when
    /// nothing is new. A `stored` value that does not decode is replaced by `added`.
    static func merge(_ stored: String, _ added: String) -> String {
        guard let old = decode(stored) else { return added }
        guard let new = decode(added) else { return stored }
        var known = Set(old.map(\.name))
        var merged = old
        for name in new where known.insert(name.name).inserted { merged.append(name) }
        return merged.count == old.count ? stored : encode(merged)
    }
}
