import Foundation
import AtlasImport
import AtlasModel

/// Rows of an import batch in PostgreSQL's COPY text format, for the staging table of
/// `PostGISImporter`: an ordinal (the row's place in the file), then `IncidentRows.writtenColumns`;
/// or for `incident` itself when it was empty (`EmptyTableLoad`): the ordinal is then the id.
///
/// COPY carries the values as data on its own channel, never inside SQL text: each text is
/// escaped for the format (backslash, tab, newline, carriage return), the point is hex EWKB
/// (exact doubles, longitude first, SRID 4326), and absent values are `\N`.
struct IncidentCopyText {
    /// The encoded rows, each ended by a newline.
    private(set) var bytes: [UInt8] = []
    /// Rows encoded so far.
    private(set) var count = 0

    /// The staging table's columns in the order the rows are encoded.
    static let columns = ["ord"] + IncidentRows.writtenColumns.split(separator: ",").map {
        $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The columns when the rows go straight into `incident`: the ordinal is the id.
    static let directColumns = ["id"] + columns.dropFirst()

    /// Appends row `row` of `batch` as the `ordinal`-th row of the file.
    ///
    /// - parameter admin1Key: the folded governorate of the row's admin1 (stored for the filter).
    /// - throws: `RowError` for a text with a NUL byte, which PostgreSQL cannot store.
    mutating func append(_ batch: IncidentBatch, row: Int, ordinal: Int, admin1Key: String) throws {
        try batch.bytes.withUnsafeBufferPointer { texts in
            for field in IncidentBatch.textFields {
                let (start, length) = batch.span(field, row: row)
                if length > 0, let base = texts.baseAddress, memchr(base + start, 0, length) != nil {
                    throw RowError(field: Self.columnName(field), reason: "contains a NUL byte, which PostgreSQL cannot store")
                }
            }
            let values = batch.numbers[row]
            func text(_ field: IncidentBatch.TextField, nullable: Bool = false, empty: String = "") {
                self.text(field, batch, row, texts, nullable: nullable, empty: empty)
            }
            number(ordinal)
            text(.sourceKey); text(.eventDate); text(.dateEnd, nullable: true)
            number(values.timePrecision)
            text(.disorderType); text(.eventType); text(.subEventType)
            text(.actor1); text(.assocActor1); text(.actor2)
            text(.assocActor2); text(.country); text(.admin1)
            var key = admin1Key
            key.withUTF8 { escaped($0) }
            bytes.append(Self.tab)
            text(.admin2); text(.admin3); text(.location)
            number(values.placeID)
            number(values.geoLevel); text(.precisionScheme); number(values.geoCode)
            number(values.fatalities)
            text(.source); text(.sourceScale); text(.notes); text(.tags)
            number(values.upstreamTimestamp)
            text(.attributes, empty: "{}")
            number(values.reportID)
            point(longitude: values.coordinate.longitude, latitude: values.coordinate.latitude)
            bytes.append(Self.newline)
        }
        count += 1
    }

    /// Forgets the rows (after they were sent), keeping the buffer's capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        count = 0
    }

    private static let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), backslash = UInt8(ascii: "\\")
    private static let carriageReturn = UInt8(ascii: "\r")
    private static let null: [UInt8] = Array(#"\N"#.utf8)

    /// A text column and its tab. A missing text is `\N` where the column allows NULL, else
    /// `empty` (the SpatiaLite store's column default).
    private mutating func text(_ field: IncidentBatch.TextField, _ batch: IncidentBatch, _ row: Int, _ texts: UnsafeBufferPointer<UInt8>,
                               nullable: Bool, empty: String) {
        let (start, length) = batch.span(field, row: row)
        if length < 0 {
            if nullable {
                bytes.append(contentsOf: Self.null)
            } else {
                var empty = empty
                empty.withUTF8 { escaped($0) }
            }
        } else {
            escaped(UnsafeBufferPointer(rebasing: texts[start..<(start + length)]))
        }
        bytes.append(Self.tab)
    }

    /// `text` escaped for COPY's text format: runs without a byte to escape are copied whole.
    private mutating func escaped(_ text: UnsafeBufferPointer<UInt8>) {
        var run = 0
        for index in 0..<text.count {
            let byte = text[index]
            // Only these four need a backslash (NUL was refused before).
            guard byte <= Self.carriageReturn || byte == Self.backslash else { continue }
            let escape: UInt8
            switch byte {
            case Self.backslash: escape = Self.backslash
            case Self.newline: escape = UInt8(ascii: "n")
            case Self.carriageReturn: escape = UInt8(ascii: "r")
            case Self.tab: escape = UInt8(ascii: "t")
            default: continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<index]))
            bytes.append(Self.backslash)
            bytes.append(escape)
            run = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run...]))
    }

    /// An integer column (or `\N`) and its tab, in decimal.
    private mutating func number<Value: BinaryInteger>(_ value: Value?) {
        guard let value else {
            bytes.append(contentsOf: Self.null)
            bytes.append(Self.tab)
            return
        }
        // Every column is at most 64 bits: 20 digits and a sign.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 21) { digits in
            var magnitude = UInt64(value.magnitude)
            var at = digits.count
            repeat {
                at -= 1
                digits[at] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                at -= 1
                digits[at] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[at...]))
        }
        bytes.append(Self.tab)
    }

    /// Hex EWKB of a point up to its coordinates: little-endian, type Point with SRID, SRID 4326.
    private static let pointHeader: [UInt8] = Array("0101000020E6100000".utf8)
    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// The last column: a point as hex EWKB (`pointHeader`, x = longitude, y = latitude as
    /// little-endian doubles: exact).
    private mutating func point(longitude: Double, latitude: Double) {
        bytes.append(contentsOf: Self.pointHeader)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { hex in
            func put(_ coordinate: Double, at offset: Int) {
                let bits = coordinate.bitPattern
                for byte in 0..<8 {
                    let value = UInt8(truncatingIfNeeded: bits >> (8 * byte))
                    hex[offset + 2 * byte] = Self.hexDigits[Int(value >> 4)]
                    hex[offset + 2 * byte + 1] = Self.hexDigits[Int(value & 0x0F)]
                }
            }
            put(longitude, at: 0)
            put(latitude, at: 16)
            bytes.append(contentsOf: UnsafeBufferPointer(hex))
        }
    }

    /// The column a text field is stored in, for messages.
    private static func columnName(_ field: IncidentBatch.TextField) -> String {
        switch field {
        case .sourceKey: return "source_key"
        case .eventDate: return "event_date"
        case .dateEnd: return "date_end"
        case .disorderType: return "disorder_type"
        case .eventType: return "event_type"
        case .subEventType: return "sub_event_type"
        case .assocActor1: return "assoc_actor_1"
        case .assocActor2: return "assoc_actor_2"
        case .precisionScheme: return "precision_scheme"
        case .sourceScale: return "source_scale"
        default: return "\(field)"
        }
    }
}
