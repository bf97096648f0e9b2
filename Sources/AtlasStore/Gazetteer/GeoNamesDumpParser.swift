import AtlasModel
import AtlasImport
import AtlasGeo
import Foundation

/// Parses lines of the GeoNames main dump: 19 tab-separated columns, no header, no quoting.
///
/// Columns: geonameid, name, asciiname, alternatenames (comma-separated), latitude, longitude,
/// feature class, feature code, country code, cc2, admin1, admin2, admin3, admin4, population,
/// elevation, dem, timezone, modification date. Quotes are ordinary characters here.
enum GeoNamesDumpParser {
    /// The column count of every line.
    static let columnCount = 19

    /// The place on `line`, or why the line is rejected.
    static func parse(_ line: String, source: String) -> Result<PlaceRecord, FieldError> {
        // Split on bytes: the tab and the comma are ASCII, and Character-wise splitting was a
        // quarter of a bulk load's parsing time.
        let columns = line.utf8.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { Substring($0) }
        guard columns.count == columnCount else {
            return .failure(FieldError(field: "line", reason: "has \(columns.count) tab-separated columns; GeoNames lines have \(columnCount)"))
        }
        guard let id = Int64(columns[0]), id > 0 else {
            return .failure(FieldError(field: "geonameid", reason: "'\(InputExcerpt.of(columns[0]))' is not a positive integer"))
        }
        let name = columns[1].trimmingASCIISpaces()
        guard !name.isEmpty else { return .failure(FieldError(field: "name", reason: "is empty")) }
        let coordinate: Coordinate
        switch FieldParsing.coordinate(latitude: String(columns[4]), longitude: String(columns[5])) {
        case let .success(value): coordinate = value
        case let .failure(error): return .failure(error)
        }
        let population: Int
        switch FieldParsing.count(String(columns[14]), field: "population") {
        case let .success(value): population = value
        case let .failure(error): return .failure(error)
        }
        let asciiName = columns[2].isEmpty ? name : String(columns[2])
        let alternates = columns[3].utf8.split(separator: UInt8(ascii: ",")).compactMap { part -> PlaceRecord.AlternateName? in
            let text = Substring(part).trimmingASCIISpaces()
            return text.isEmpty ? nil : PlaceRecord.AlternateName(text)
        }
        return .success(PlaceRecord(
            geonameID: id, name: name, asciiName: asciiName, coordinate: coordinate,
            featureClass: String(columns[6]), featureCode: String(columns[7]), country: String(columns[8]),
            admin1: String(columns[10]), admin2: String(columns[11]), population: population,
            alternateNames: alternates, source: source))
    }

    /// The place on `line` (UTF-8 bytes), or why the line is rejected: `parse(bytes:)`, and the
    /// general `parse(_:source:)` for the lines it does not read.
    static func record(bytes line: UnsafeBufferPointer<UInt8>, source: String) -> Result<PlaceRecord, FieldError> {
        if let record = parse(bytes: line, source: source) { return .success(record) }
        return parse(String(decoding: line, as: UTF8.self), source: source)
    }

    /// The place on a valid `line` of UTF-8 bytes, read without building the line as a `String`
    /// (the per-line cost of a 12M-line dump); nil when the line is not plainly valid, and then
    /// `parse(_:source:)` on its text gives the same record or the reason it is rejected (tests
    /// compare both on good and bad lines).
    static func parse(bytes line: UnsafeBufferPointer<UInt8>, source: String) -> PlaceRecord? {
        withUnsafeTemporaryAllocation(of: Int.self, capacity: columnCount + 1) { bounds -> PlaceRecord? in
            // bounds[i] is where column i starts; column i ends before bounds[i + 1] - 1.
            var columns = 1
            bounds[0] = 0
            for (offset, byte) in line.enumerated() where byte == 0x09 {
                guard columns < columnCount else { return nil }
                bounds[columns] = offset + 1
                columns += 1
            }
            guard columns == columnCount else { return nil }
            bounds[columnCount] = line.count + 1
            func column(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: line[bounds[index]..<(bounds[index + 1] - 1)])
            }
            func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
            guard let id = digits(column(0)), id > 0 else { return nil }
            let nameBytes = trimmed(column(1))
            guard !nameBytes.isEmpty else { return nil }
            let latitude = trimmed(column(4)), longitude = trimmed(column(5))
            guard !latitude.isEmpty, !longitude.isEmpty,
                  let lat = PlainDecimal.value(latitude) ?? DecimalNumber.value(text(latitude)),
                  let lon = PlainDecimal.value(longitude) ?? DecimalNumber.value(text(longitude)),
                  let coordinate = try? Coordinate(validatingLatitude: lat, longitude: lon) else { return nil }
            let populationBytes = trimmed(column(14))
            let population: Int
            if populationBytes.isEmpty {
                population = 0
            } else {
                guard let value = digits(populationBytes) else { return nil }
                population = Int(value)
            }
            let name = text(nameBytes)
            // Most ASCII names equal the name: then they share its storage (no second string,
            // and `foldedNames` sees the two equal at once).
            let asciiBytes = column(2)
            let asciiName = asciiBytes.isEmpty || asciiBytes.elementsEqual(nameBytes) ? name : text(asciiBytes)
            var alternates: [PlaceRecord.AlternateName] = []
            var start = 0
            let list = column(3)
            while start <= list.count {
                var end = start
                while end < list.count && list[end] != 0x2C { end += 1 }
                let part = trimmed(UnsafeBufferPointer(rebasing: list[start..<end]))
                if !part.isEmpty { alternates.append(PlaceRecord.AlternateName(text(part))) }
                start = end + 1
            }
            return PlaceRecord(
                geonameID: id, name: name, asciiName: asciiName, coordinate: coordinate,
                featureClass: text(column(6)), featureCode: text(column(7)), country: text(column(8)),
                admin1: text(column(10)), admin2: text(column(11)), population: population,
                alternateNames: alternates, source: source)
        }
    }

    /// `bytes` without leading and trailing spaces and tabs (as `trimmingASCIISpaces`).
    private static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    /// The value of 1 to 18 ASCII digits (nothing else), or nil.
    static func digits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int64(byte - 0x30)
        }
        return value
    }
}
