import AtlasGeo
import AtlasModel

/// Rows of incidents on their way from an import's parsing thread to its writing thread, kept
/// column by column: every text of every row back to back in one byte buffer, the numbers in
/// an array of fixed records.
///
/// The writer binds the texts straight from `bytes` (see `IncidentColumns.bindAndRun`), so a row
/// costs no allocation on either thread. Building one `Incident` of ~25 `String`s per row, and
/// freeing them on the other thread, was about half of a million-row import's time.
package struct IncidentBatch: Sendable {
    /// The text columns of `incident`, in the order of their parameters in `IncidentColumns`.
    package enum TextField: Int, CaseIterable, Sendable {
        case sourceKey, eventDate, dateEnd, disorderType, eventType, subEventType, actor1, assocActor1, actor2,
             assocActor2, country, admin1, admin2, admin3, location, precisionScheme, source, sourceScale, notes,
             tags, attributes
    }

    /// A row's non-text values.
    package struct Numbers: Sendable {
        /// Line (or feature number) the row came from.
        package var line: Int
        /// No coordinate in the file: the writer places the row by its location.
        package var needsPlace = false
        /// Position in degrees (placeholder (0, 0) while `needsPlace`).
        package var coordinate = Coordinate(latitude: 0, longitude: 0)
        /// ACLED time precision 1–3.
        package var timePrecision = 1
        /// The gazetteer place the row was placed at, if any.
        package var placeID: Int64?
        /// ACLED-scale precision 1–3, and the upstream code it comes from.
        package var geoLevel = 1
        package var geoCode = 1
        /// Reported deaths, ≥ 0.
        package var fatalities = 0
        /// ACLED `timestamp` (Unix seconds of the upstream revision).
        package var upstreamTimestamp: Int64?
        /// The report the row was extracted from, if any.
        package var reportID: Int64?
    }

    /// A row the parser refused, reported in file order: it came before row `beforeRow`.
    package struct Rejection: Sendable {
        package var beforeRow: Int
        package var line: Int
        package var field: String
        package var reason: String
    }

    /// Every text field, in order (`allCases` builds a new array at each call).
    package static let textFields = TextField.allCases
    private static let textCount = textFields.count
    /// The bytes of all texts.
    package private(set) var bytes: [UInt8] = []
    /// Per row and text field: start in `bytes` and length, or length -1 for NULL.
    private var spans: [(start: Int, count: Int)] = []
    /// Per row: its numbers.
    package private(set) var numbers: [Numbers] = []
    /// Rows refused by the parser, in file order.
    package private(set) var rejections: [Rejection] = []
    /// Bytes of the file read when the batch was handed over, and its size if known.
    package var progress: (read: Int, total: Int?) = (0, nil)

    /// An empty batch with room for `rows` rows of about `bytesPerRow` bytes of text.
    package init(rows: Int = 0, bytesPerRow: Int = 0) {
        bytes.reserveCapacity(rows * bytesPerRow)
        spans.reserveCapacity(rows * Self.textCount)
        numbers.reserveCapacity(rows)
    }

    /// The number of rows.
    package var count: Int { numbers.count }

    /// The size of the text buffer, to bound a batch's memory.
    package var byteCount: Int { bytes.count }

    // MARK: - Building

    /// Starts a new row, every text NULL; finish it with `finishRow`.
    package mutating func startRow() {
        spans.append(contentsOf: repeatElement((start: 0, count: -1), count: Self.textCount))
    }

    /// Sets `field` of the row being built to the UTF-8 bytes of `text`.
    package mutating func setText(_ field: TextField, _ text: UnsafeBufferPointer<UInt8>) {
        let start = bytes.count
        bytes.append(contentsOf: text)
        spans[spans.count - Self.textCount + field.rawValue] = (start, text.count)
    }

    /// Sets `field` of the row being built to `text`, or NULL.
    package mutating func setText(_ field: TextField, _ text: String?) {
        guard let text else { return }
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        spans[spans.count - Self.textCount + field.rawValue] = (start, bytes.count - start)
    }

    /// Sets `field` of the row being built to the bytes `write` appends to the buffer.
    package mutating func setText(_ field: TextField, writing write: (inout [UInt8]) -> Void) {
        let start = bytes.count
        write(&bytes)
        spans[spans.count - Self.textCount + field.rawValue] = (start, bytes.count - start)
    }

    /// Ends the row started last with its numbers.
    package mutating func finishRow(_ values: Numbers) {
        numbers.append(values)
    }

    /// Adds `incident` as a row, its attributes as `attributesJSON` when given.
    package mutating func append(_ incident: Incident, attributesJSON: String? = nil, line: Int, needsPlace: Bool = false) {
        startRow()
        setText(.sourceKey, incident.sourceKey); setText(.eventDate, incident.eventDate); setText(.dateEnd, incident.dateEnd)
        setText(.disorderType, incident.disorderType); setText(.eventType, incident.eventType)
        setText(.subEventType, incident.subEventType); setText(.actor1, incident.actor1)
        setText(.assocActor1, incident.assocActor1); setText(.actor2, incident.actor2)
        setText(.assocActor2, incident.assocActor2); setText(.country, incident.country); setText(.admin1, incident.admin1)
        setText(.admin2, incident.admin2); setText(.admin3, incident.admin3); setText(.location, incident.location)
        setText(.precisionScheme, incident.geoPrecision.scheme); setText(.source, incident.source)
        setText(.sourceScale, incident.sourceScale); setText(.notes, incident.notes); setText(.tags, incident.tags)
        setText(.attributes, attributesJSON ?? FlatJSON.object(incident.attributes))
        finishRow(Numbers(line: line, needsPlace: needsPlace, coordinate: incident.coordinate,
                          timePrecision: incident.timePrecision, placeID: incident.placeID,
                          geoLevel: incident.geoPrecision.level, geoCode: incident.geoPrecision.code,
                          fatalities: incident.fatalities, upstreamTimestamp: incident.upstreamTimestamp,
                          reportID: incident.reportID))
    }

    /// Records a row the parser refused, in order with the rows around it.
    package mutating func reject(line: Int, field: String, reason: String) {
        rejections.append(Rejection(beforeRow: count, line: line, field: field, reason: reason))
    }

    // MARK: - Reading and amending (writer side)

    /// Where `field` of `row` lies in `bytes`; `count` is -1 for NULL.
    package func span(_ field: TextField, row: Int) -> (start: Int, count: Int) {
        spans[row * Self.textCount + field.rawValue]
    }

    /// `field` of `row` as a string, nil for NULL.
    package func string(_ field: TextField, row: Int) -> String? {
        let (start, count) = span(field, row: row)
        guard count >= 0 else { return nil }
        return String(decoding: bytes[start..<(start + count)], as: UTF8.self)
    }

    /// Replaces `field` of `row` with `text` (the old bytes stay, unused, until the batch goes).
    package mutating func replaceText(_ field: TextField, row: Int, with text: String) {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        spans[row * Self.textCount + field.rawValue] = (start, bytes.count - start)
    }

    /// Sets the place, coordinate and precision of `row`, placed through the gazetteer.
    package mutating func place(row: Int, at place: Place, precision: GeoPrecision) {
        numbers[row].coordinate = place.coordinate
        numbers[row].placeID = place.id
        numbers[row].geoLevel = precision.level
        numbers[row].geoCode = precision.code
        replaceText(.precisionScheme, row: row, with: precision.scheme)
    }

    /// `row` as an incident (no id), for the rare rows that are compared with a stored one.
    package func incident(at row: Int) -> Incident {
        func text(_ field: TextField) -> String { string(field, row: row) ?? "" }
        let values = numbers[row]
        return Incident(
            sourceKey: text(.sourceKey), eventDate: text(.eventDate), dateEnd: string(.dateEnd, row: row),
            timePrecision: values.timePrecision, disorderType: text(.disorderType), eventType: text(.eventType),
            subEventType: text(.subEventType), actor1: text(.actor1), assocActor1: text(.assocActor1),
            actor2: text(.actor2), assocActor2: text(.assocActor2), country: text(.country), admin1: text(.admin1),
            admin2: text(.admin2), admin3: text(.admin3), location: text(.location), placeID: values.placeID,
            coordinate: values.coordinate,
            geoPrecision: GeoPrecision(level: values.geoLevel, scheme: text(.precisionScheme), code: values.geoCode),
            fatalities: values.fatalities, source: text(.source), sourceScale: text(.sourceScale), notes: text(.notes),
            tags: text(.tags), upstreamTimestamp: values.upstreamTimestamp,
            attributes: string(.attributes, row: row).flatMap { FlatJSON.parse($0) } ?? [:], reportID: values.reportID)
    }
}
