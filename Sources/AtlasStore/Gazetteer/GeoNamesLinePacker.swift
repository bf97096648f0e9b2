import AtlasModel
import AtlasImport
import AtlasGeo

/// Packs a line of the GeoNames main dump straight from its bytes into a bulk load's batch
/// (`PackedPlaces`), with its folded spellings, without building a `PlaceRecord`.
///
/// Why: a bulk load's parsing thread was its bound once the writer bound packed bytes. Each
/// place cost a dozen strings, an array of alternate names and one of `FoldedName`s, all made
/// and freed again only to be copied into the batch. Here the fields are copied from the line,
/// ASCII spellings are folded from their bytes into one scratch buffer, and only non-ASCII
/// spellings are folded through `String`.
///
/// The result must be exactly what `GeoNamesDumpParser.parse(bytes:)`, `foldedNames` and
/// `PackedPlaces.append(_:folded:)` give (tests compare the two on good, odd and random lines).
/// A line this packer cannot take as it is (not plainly valid, a coordinate `PlainDecimal`
/// does not read, invalid UTF-8, a name JSON must escape) is `needsRecord`: the caller parses
/// it the general way, which also reports why a bad line is rejected.
struct GeoNamesLinePacker {
    /// What `pack` did with a line.
    enum Outcome: Equatable {
        /// The place is in the batch, its spellings handed to the caller.
        case packed
        /// A valid place the filters leave out; nothing was stored.
        case filteredOut
        /// Nothing was stored: parse the line the general way.
        case needsRecord
    }

    /// Keep only these ISO country codes (empty: all).
    let countries: Set<String>
    /// Keep only these GeoNames feature classes (empty: all).
    let featureClasses: Set<String>

    /// The kept spellings of the line being packed: name as a range of the line, folded key
    /// as a range of `keys`. Only the name itself is preferred, and only when it has a key.
    private var spellings: [(name: Range<Int>, key: Range<Int>, isPreferred: Bool)] = []
    /// `spellings[i]`'s text as a `String`, made the first time a comparison needs it (one
    /// side non-ASCII), so a long list is not decoded again for every later spelling.
    private var texts: [String?] = []
    private var keys: [UInt8] = []

    /// A packer keeping the places of `countries` and `featureClasses` (empty: all).
    init(countries: Set<String> = [], featureClasses: Set<String> = []) {
        self.countries = countries
        self.featureClasses = featureClasses
    }

    /// Packs `line` (without its newline) into `batch` with `source`, then calls `spelling`
    /// with the name and folded key bytes of each of its spellings, in `foldedNames` order.
    ///
    /// - throws: what `spelling` throws.
    mutating func pack(_ line: UnsafeBufferPointer<UInt8>, source: String, into batch: inout PackedPlaces,
                       spelling: (UnsafeRawBufferPointer, UnsafeRawBufferPointer) throws -> Void) rethrows -> Outcome {
        guard let place = Self.fields(of: line) else { return .needsRecord }
        guard keeps(place, in: line) else { return .filteredOut }
        collectSpellings(of: place, in: line)
        guard store(place, line: line, source: source, into: &batch) else { return .needsRecord }
        try keys.withUnsafeBytes { keyBytes in
            for (name, key, _) in spellings {
                try spelling(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(line)[name]), UnsafeRawBufferPointer(rebasing: keyBytes[key]))
            }
        }
        return .packed
    }

    /// What a plainly valid line holds: numbers read, texts as ranges of the line.
    private struct Fields {
        var id: Int64
        var coordinate: Coordinate
        var population: Int
        /// Trimmed.
        var name: Range<Int>
        /// As it stands (the record keeps it untrimmed).
        var asciiName: Range<Int>
        var alternateNames: Range<Int>
        var featureClass: Range<Int>
        var featureCode: Range<Int>
        var country: Range<Int>
        var admin1: Range<Int>
        var admin2: Range<Int>
    }

    /// The fields of `line` when `GeoNamesDumpParser.parse(bytes:)` would read them and their
    /// texts are valid UTF-8 (which that parser's strings keep byte for byte); nil otherwise.
    private static func fields(of line: UnsafeBufferPointer<UInt8>) -> Fields? {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: GeoNamesDumpParser.columnCount + 1) { bounds -> Fields? in
            // bounds[i] is where column i starts; column i ends before bounds[i + 1] - 1.
            let columnCount = GeoNamesDumpParser.columnCount
            var columns = 1, ascii = true
            bounds[0] = 0
            for (offset, byte) in line.enumerated() {
                if byte == 0x09 {
                    guard columns < columnCount else { return nil }
                    bounds[columns] = offset + 1
                    columns += 1
                } else if byte >= 0x80 {
                    ascii = false
                }
            }
            guard columns == columnCount else { return nil }
            // Invalid UTF-8 becomes U+FFFD in a `String`: only the general path stores that.
            if !ascii && String(validating: line, as: UTF8.self) == nil { return nil }
            bounds[columnCount] = line.count + 1
            func column(_ index: Int) -> Range<Int> { bounds[index]..<(bounds[index + 1] - 1) }
            func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: line[range]) }
            guard let id = GeoNamesDumpParser.digits(bytes(column(0))), id > 0 else { return nil }
            let name = trimmed(column(1), in: line)
            guard !name.isEmpty,
                  let latitude = PlainDecimal.value(bytes(trimmed(column(4), in: line))),
                  let longitude = PlainDecimal.value(bytes(trimmed(column(5), in: line))),
                  let coordinate = try? Coordinate(validatingLatitude: latitude, longitude: longitude) else { return nil }
            let populationBytes = bytes(trimmed(column(14), in: line))
            var population = 0
            if !populationBytes.isEmpty {
                guard let value = GeoNamesDumpParser.digits(populationBytes) else { return nil }
                population = Int(value)
            }
            return Fields(id: id, coordinate: coordinate, population: population, name: name, asciiName: column(2),
                          alternateNames: column(3), featureClass: column(6), featureCode: column(7), country: column(8),
                          admin1: column(10), admin2: column(11))
        }
    }

    /// Whether the filters keep the place.
    private func keeps(_ place: Fields, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !countries.isEmpty || !featureClasses.isEmpty else { return true }
        return (countries.isEmpty || countries.contains(String(decoding: UnsafeBufferPointer(rebasing: line[place.country]), as: UTF8.self)))
            && (featureClasses.isEmpty || featureClasses.contains(String(decoding: UnsafeBufferPointer(rebasing: line[place.featureClass]), as: UTF8.self)))
    }

    /// Whether the ASCII name is the name: empty, or the same text (the parser then shares them).
    private func asciiIsName(_ place: Fields, in line: UnsafeBufferPointer<UInt8>) -> Bool {
        place.asciiName.isEmpty || Self.sameText(UnsafeBufferPointer(rebasing: line[place.asciiName]), UnsafeBufferPointer(rebasing: line[place.name]))
    }

    /// Fills `spellings` and `keys` as `foldedNames` takes the spellings: the name, the ASCII
    /// name when it differs, the alternate names; each trimmed, once, and only when it folds to
    /// a key.
    private mutating func collectSpellings(of place: Fields, in line: UnsafeBufferPointer<UInt8>) {
        spellings.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        func add(_ candidate: Range<Int>, isPreferred: Bool = false) {
            let text = UnsafeBufferPointer(rebasing: line[candidate])
            let isASCII = text.allSatisfy { $0 < 0x80 }
            // Once each, as `foldedNames` compares strings: equal bytes are the same text; two
            // ASCII texts differ when their bytes do; otherwise canonical equivalence decides
            // (the Kelvin sign is "K").
            var candidateText: String?
            for index in spellings.indices {
                let kept = UnsafeBufferPointer(rebasing: line[spellings[index].name])
                if kept.elementsEqual(text) { return }
                if isASCII && kept.allSatisfy({ $0 < 0x80 }) { continue }
                if candidateText == nil { candidateText = String(decoding: text, as: UTF8.self) }
                if texts[index] == nil { texts[index] = String(decoding: kept, as: UTF8.self) }
                if texts[index] == candidateText { return }
            }
            let keyStart = keys.count
            if isASCII {
                ASCIINameFolding.withKey(ofASCII: text) { keys.append(contentsOf: $0) }
            } else {
                keys.append(contentsOf: NameFolding.key(candidateText ?? String(decoding: text, as: UTF8.self)).utf8)
            }
            guard keys.count > keyStart else { return }
            spellings.append((candidate, keyStart..<keys.count, isPreferred))
            texts.append(candidateText)
        }
        add(place.name, isPreferred: true)
        if !asciiIsName(place, in: line) { add(Self.trimmed(place.asciiName, in: line)) }
        let list = place.alternateNames
        var start = list.lowerBound
        while start <= list.upperBound {
            var end = start
            while end < list.upperBound && line[end] != 0x2C { end += 1 }
            let part = Self.trimmed(start..<end, in: line)
            if !part.isEmpty { add(part) }
            start = end + 1
        }
    }

    /// Stores the place's texts in `batch`, in the order `PackedPlaces.append(_:folded:)` stores
    /// them, and its row; false, and nothing stored, when a spelling would need an escape.
    private func store(_ place: Fields, line: UnsafeBufferPointer<UInt8>, source: String, into batch: inout PackedPlaces) -> Bool {
        func bytes(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: line[range]) }
        let batchStart = batch.bytes.count
        let name = batch.store(bytes(place.name))
        let asciiName = asciiIsName(place, in: line) ? name : batch.store(bytes(place.asciiName))
        let featureClass = batch.store(bytes(place.featureClass)), featureCode = batch.store(bytes(place.featureCode))
        let country = batch.store(bytes(place.country)), admin1 = batch.store(bytes(place.admin1)), admin2 = batch.store(bytes(place.admin2))
        let sourceSpan = batch.storeSource(source)
        let sourceKey = batch.storeSourceKey(geonameID: place.id)
        let room = spellings.reduce(2) { $0 + $1.name.count + $1.key.count + PlaceNamesColumn.plainSpellingBytes }
        let names = keys.withUnsafeBufferPointer { keyBytes in
            batch.storeNames(count: spellings.count, room: room) { position, cursor in
                PlaceNamesColumn.putPlainSpelling(
                    name: bytes(spellings[position].name), key: UnsafeBufferPointer(rebasing: keyBytes[spellings[position].key]),
                    language: UnsafeBufferPointer(start: nil, count: 0), isPreferred: spellings[position].isPreferred,
                    first: position == 0, at: &cursor)
            }
        }
        guard let names else {
            batch.truncate(to: batchStart)
            return false
        }
        batch.append(PackedPlaces.Row(
            geonameID: place.id, coordinate: place.coordinate, population: place.population,
            importance: FeatureImportance.rank(featureCode: String(decoding: bytes(place.featureCode), as: UTF8.self)),
            name: name, asciiName: asciiName, featureClass: featureClass, featureCode: featureCode,
            country: country, admin1: admin1, admin2: admin2, source: sourceSpan, sourceKey: sourceKey, names: names))
        return true
    }

    /// `range` of `line` without leading and trailing spaces and tabs (`trimmingASCIISpaces`).
    private static func trimmed(_ range: Range<Int>, in line: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var start = range.lowerBound, end = range.upperBound
        while start < end, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        return start..<end
    }

    /// Whether two UTF-8 texts are equal as Swift compares strings: byte for byte when both
    /// are ASCII, by canonical equivalence otherwise (`é` precomposed equals `e` + accent).
    private static func sameText(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if a.allSatisfy({ $0 < 0x80 }) && b.allSatisfy({ $0 < 0x80 }) { return a.elementsEqual(b) }
        return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
    }
}
