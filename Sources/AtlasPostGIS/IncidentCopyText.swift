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
        for field in IncidentBatch.textFields {
            let (start, length) = batch.span(field, row: row)
            if length > 0, batch.bytes[start..<(start + length)].contains(0) {
                throw RowError(field: Self.columnName(field), reason: "contains a NUL byte, which PostgreSQL cannot store")
            }
        }
        let values = batch.numbers[row]
        number(ordinal)
        text(.sourceKey, batch, row); text(.eventDate, batch, row); text(.dateEnd, batch, row, nullable: true)
        number(values.timePrecision)
        text(.disorderType, batch, row); text(.eventType, batch, row); text(.subEventType, batch, row)
        text(.actor1, batch, row); text(.assocActor1, batch, row); text(.actor2, batch, row)
        text(.assocActor2, batch, row); text(.country, batch, row); text(.admin1, batch, row)
        escaped(Array(admin1Key.utf8)[...]); bytes.append(Self.tab)
        text(.admin2, batch, row); text(.admin3, batch, row); text(.location, batch, row)
        number(values.placeID)
        number(values.geoLevel); text(.precisionScheme, batch, row); number(values.geoCode)
        number(values.fatalities)
        text(.source, batch, row); text(.sourceScale, batch, row); text(.notes, batch, row); text(.tags, batch, row)
        number(values.upstreamTimestamp)
        text(.attributes, batch, row, empty: "{}")
        number(values.reportID)
        point(longitude: values.coordinate.longitude, latitude: values.coordinate.latitude)
        bytes.append(Self.newline)
        count += 1
    }

    /// Forgets the rows (after they were sent), keeping the buffer's capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        count = 0
    }

    private static let tab = UInt8(ascii: "\t"), newline = UInt8(ascii: "\n"), backslash = UInt8(ascii: "\\")
    private static let null: [UInt8] = Array(#"\N"#.utf8)

    /// A text column and its tab. A missing text is `\N` where the column allows NULL, else
    /// `empty` (the SpatiaLite store's column default).
    private mutating func text(_ field: IncidentBatch.TextField, _ batch: IncidentBatch, _ row: Int,
                               nullable: Bool = false, empty: String = "") {
        let (start, length) = batch.span(field, row: row)
        if length < 0 {
            if nullable { bytes.append(contentsOf: Self.null) } else { escaped(Array(empty.utf8)[...]) }
        } else {
            escaped(batch.bytes[start..<(start + length)])
        }
        bytes.append(Self.tab)
    }

    /// `text` escaped for COPY's text format.
    private mutating func escaped(_ text: ArraySlice<UInt8>) {
        for byte in text {
            switch byte {
            case Self.backslash: bytes.append(Self.backslash); bytes.append(Self.backslash)
            case Self.newline: bytes.append(Self.backslash); bytes.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): bytes.append(Self.backslash); bytes.append(UInt8(ascii: "r"))
            case Self.tab: bytes.append(Self.backslash); bytes.append(UInt8(ascii: "t"))
            default: bytes.append(byte)
            }
        }
    }

    /// An integer column (or `\N`) and its tab.
    private mutating func number<Value: BinaryInteger>(_ value: Value?) {
        if let value { bytes.append(contentsOf: String(value).utf8) } else { bytes.append(contentsOf: Self.null) }
        bytes.append(Self.tab)
    }

    /// The last column: a point as hex EWKB (little-endian, type Point with SRID, SRID 4326, x = longitude, y = latitude).
    private mutating func point(longitude: Double, latitude: Double) {
        hex([0x01, 0x01, 0x00, 0x00, 0x20, 0xE6, 0x10, 0x00, 0x00])
        for value in [longitude, latitude] {
            let bits = value.bitPattern
            hex((0..<8).map { UInt8(truncatingIfNeeded: bits >> (8 * $0)) })
        }
    }

    private mutating func hex(_ values: [UInt8]) {
        let digits = Array("0123456789ABCDEF".utf8)
        for value in values {
            bytes.append(digits[Int(value >> 4)])
            bytes.append(digits[Int(value & 0x0F)])
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
