import AtlasGeo
import AtlasModel
import Foundation

/// One CSV record with its header: named access to fields and the validations all formats share.
/// Each check throws a `RowError` naming the field, which the importer turns into a rejection.
///
/// The fields stay bytes (`record`) until asked for: a mapper copies most of them into an
/// `IncidentBatch` as bytes, and makes `String`s only of the few it validates.
package struct ImportRow {
    /// Line on which the record starts.
    package let line: Int
    private let layout: ColumnLayout
    /// The record's fields as bytes.
    package let record: CSVRecordBuffer

    /// A row of `record`'s fields laid out as `layout` says.
    package init(layout: ColumnLayout, record: CSVRecordBuffer) {
        self.line = record.line
        self.layout = layout
        self.record = record
    }

    /// A row of `fields` (rows of JSON objects) laid out as `layout` says.
    package init(line: Int, layout: ColumnLayout, fields: [String]) {
        self.init(layout: layout, record: CSVRecordBuffer(line: line, fields: fields))
    }

    /// Where the text of `column` lies in `record.bytes`, without leading and trailing ASCII
    /// spaces and tabs; an empty range when the column is absent.
    package func trimmedRange(_ column: ImportColumn) -> Range<Int> {
        guard let index = layout.position(of: column), index < record.fieldCount else { return 0..<0 }
        let range = record.range(of: index)
        return record.bytes.withUnsafeBufferPointer { bytes in
            var (start, end) = (range.lowerBound, range.upperBound)
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
            return start..<end
        }
    }

    /// Sets `field` of the row `batch` is building to the trimmed text of `column`.
    package func copy(_ column: ImportColumn, to field: IncidentBatch.TextField, of batch: inout IncidentBatch) {
        let range = trimmedRange(column)
        record.bytes.withUnsafeBufferPointer { bytes in
            batch.setText(field, UnsafeBufferPointer(rebasing: bytes[range]))
        }
    }

    /// The trimmed bytes of `column`, empty when the column is absent.
    package func bytes(_ column: ImportColumn) -> ArraySlice<UInt8> { record.bytes[trimmedRange(column)] }

    /// The trimmed text of `column`, "" when the column is absent.
    package subscript(_ column: ImportColumn) -> String {
        String(decoding: bytes(column), as: UTF8.self)
    }

    /// True when the trimmed text of `column` is empty or the column is absent.
    package func isEmpty(_ column: ImportColumn) -> Bool { trimmedRange(column).isEmpty }

    /// True when the header has the column.
    package func has(_ column: ImportColumn) -> Bool { layout.position(of: column) != nil }

    /// Every non-empty unmapped column with its value, for `Incident.attributes`.
    package func unmappedAttributes() -> [String: String] {
        var result: [String: String] = [:]
        for (name, index) in layout.unmapped where index < record.fieldCount && !record.range(of: index).isEmpty {
            result[name] = record.string(index)
        }
        return result
    }

    /// Appends `FlatJSON.object(unmappedAttributes())`'s bytes to `out`, written straight from
    /// the fields (the layout keeps the unmapped columns in name order).
    package func appendUnmappedAttributesJSON(to out: inout [UInt8]) {
        out.append(0x7B)
        var first = true
        for (column, key) in zip(layout.unmapped, layout.unmappedJSONKeys) where column.index < record.fieldCount {
            let range = record.range(of: column.index)
            guard !range.isEmpty else { continue }
            if !first { out.append(0x2C) }
            first = false
            out.append(contentsOf: key)
            FlatJSON.appendQuoted(bytes: record.bytes[range], to: &out)
        }
        out.append(0x7D)
    }

    /// `FlatJSON.object(unmappedAttributes())`.
    package func unmappedAttributesJSON() -> String {
        var out: [UInt8] = []
        appendUnmappedAttributesJSON(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A required, non-empty field.
    package func required(_ column: ImportColumn) throws -> String {
        let value = self[column]
        guard !value.isEmpty else { throw RowError(field: column.name, reason: has(column) ? "is empty" : "column is missing") }
        return value
    }

    /// A date in `YYYY-MM-DD` (a time part after it is ignored) or `DD Month YYYY` (ACLED's other form).
    package func date(_ column: ImportColumn) throws -> ISODate {
        let name = column.name
        let text = try required(column)
        if let date = ISODate(text.prefix(10)), text.count == 10 || text.dropFirst(10).first == " " || text.dropFirst(10).first == "T" {
            return date
        }
        if let date = Self.dayMonthYear(text) { return date }
        if Self.looksLikeISO(text) { throw RowError(field: name, reason: "\(text) is not a real date") }
        throw RowError(field: name, reason: "'\(InputExcerpt.of(text))' is not a date (YYYY-MM-DD or DD Month YYYY)")
    }

    /// An integer in `range`; empty gives `defaultValue` when there is one.
    package func integer(_ column: ImportColumn, in range: ClosedRange<Int>, default defaultValue: Int? = nil) throws -> Int {
        let name = column.name
        let text = self[column]
        if text.isEmpty {
            if let defaultValue { return defaultValue }
            throw RowError(field: name, reason: has(column) ? "is empty" : "column is missing")
        }
        guard let value = Int(text) ?? Double(text).flatMap({ $0 == $0.rounded() && abs($0) < 1e15 ? Int($0) : nil }) else {
            throw RowError(field: name, reason: "'\(InputExcerpt.of(text))' is not a whole number")
        }
        guard range.contains(value) else {
            if value < 0 && range.lowerBound >= 0 { throw RowError(field: name, reason: "\(value) is negative") }
            throw RowError(field: name, reason: "\(value) out of range [\(range.lowerBound), \(range.upperBound)]")
        }
        return value
    }

    /// The coordinate of `latitude`/`longitude`, or nil when both are empty.
    package func coordinate() throws -> Coordinate? {
        let (latitude, longitude) = (ImportColumn.latitude.name, ImportColumn.longitude.name)
        let latText = self[.latitude], lonText = self[.longitude]
        if latText.isEmpty && lonText.isEmpty { return nil }
        guard !latText.isEmpty else { throw RowError(field: latitude, reason: "is empty while \(longitude) is given") }
        guard !lonText.isEmpty else { throw RowError(field: longitude, reason: "is empty while \(latitude) is given") }
        guard let lat = PlainDecimal.value(latText) ?? DecimalNumber.value(latText) else { throw RowError(field: latitude, reason: "'\(InputExcerpt.of(latText))' is not a decimal number") }
        guard let lon = PlainDecimal.value(lonText) ?? DecimalNumber.value(lonText) else { throw RowError(field: longitude, reason: "'\(InputExcerpt.of(lonText))' is not a decimal number") }
        guard lat.isFinite else { throw RowError(field: latitude, reason: "\(latText) is not a finite number") }
        guard lon.isFinite else { throw RowError(field: longitude, reason: "\(lonText) is not a finite number") }
        guard (-90...90).contains(lat) else { throw RowError(field: latitude, reason: "\(latText) out of range [-90, 90]") }
        guard (-180...180).contains(lon) else { throw RowError(field: longitude, reason: "\(lonText) out of range [-180, 180]") }
        return Coordinate(latitude: lat, longitude: lon)
    }

    private static let months = ["january", "february", "march", "april", "may", "june", "july", "august",
                                 "september", "october", "november", "december"]

    /// `22 May 2016` or `22-May-2016`.
    private static func dayMonthYear(_ text: String) -> ISODate? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "-" })
        guard parts.count == 3, let day = Int(parts[0]), let year = Int(parts[2]) else { return nil }
        let month = parts[1].lowercased()
        guard month.count >= 3, let index = months.firstIndex(where: { $0.hasPrefix(month) }) else { return nil }
        return ISODate(year: year, month: index + 1, day: day)
    }

    private static func looksLikeISO(_ text: String) -> Bool {
        let bytes = Array(text.utf8.prefix(10))
        return bytes.count == 10 && bytes[4] == 0x2D && bytes[7] == 0x2D
    }
}

/// A field of a row that cannot be imported.
package struct RowError: Error {
    /// The field at fault (`latitude`, `event_type`, `row`).
    package var field: String
    /// What is wrong with it.
    package var reason: String

    /// The error of `field`, for `reason`.
    package init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }
}
