import AtlasModel
import Foundation

/// Rows of an incident file, whatever its format, as named fields with their line number.
package protocol RowSource {
    /// The next row: its line (or feature number) and either its fields or why it is unreadable.
    mutating func next() throws -> (line: Int, row: Result<ImportRow, RowError>)?
    /// Bytes read so far and in all, for progress.
    var progress: (read: Int, total: Int?) { get }
}

/// CSV rows under a header.
package struct CSVRowSource: RowSource {
    package let reader: CSVReader
    /// The header's layout for the file's mapper.
    package let layout: ColumnLayout
    package let width: Int
    /// The record every row is read into (reused: the caller lets go of a row before asking
    /// for the next, so its storage is not copied).
    private var record = CSVRecordBuffer()

    package init(reader: CSVReader, layout: ColumnLayout, width: Int) {
        self.reader = reader
        self.layout = layout
        self.width = width
    }

    package mutating func next() throws -> (line: Int, row: Result<ImportRow, RowError>)? {
        guard try reader.next(into: &record) else { return nil }
        if let problem = record.problem { return (record.line, .failure(RowError(field: "row", reason: problem))) }
        if record.fieldCount != width {
            let kind = record.fieldCount < width ? "truncated" : "too long"
            return (record.line, .failure(RowError(field: "row", reason: "\(kind): \(record.fieldCount) fields, the header has \(width)")))
        }
        return (record.line, .success(ImportRow(layout: layout, record: record)))
    }

    package var progress: (read: Int, total: Int?) { (reader.source.bytesRead, reader.source.totalBytes) }
}

/// JSON Lines: one incident per line, either a GeoJSON Point Feature or a flat object with the
/// project's CSV fields (`latitude`/`longitude` included). Blank lines are skipped.
package struct JSONLinesRowSource: RowSource {
    package let lines: LineReader

    package mutating func next() throws -> (line: Int, row: Result<ImportRow, RowError>)? {
        while let line = try lines.next() {
            if line.text.trimmingASCIISpaces().isEmpty { continue }
            return (line.number, JSONRow.row(fromJSON: Data(line.text.utf8), line: line.number))
        }
        return nil
    }

    package var progress: (read: Int, total: Int?) { (lines.source.bytesRead, lines.source.totalBytes) }
}

/// A GeoJSON FeatureCollection of Points, streamed: a first pass (`GeoJSONFeatureScanner`
/// skipping every feature) checks the file is a FeatureCollection before any row is handed
/// out, the second hands out one feature at a time. Rows are numbered by feature (1-based);
/// memory stays flat whatever the file's size or layout (one line of 200 MB included).
package struct GeoJSONRowSource: RowSource {
    private let scanner: GeoJSONFeatureScanner
    private let size: Int?

    package init(path: String) throws {
        guard path != "-" else {
            throw InputError.malformed(file: path, line: nil, reason: "GeoJSON is read in two passes (the skeleton first): give a file, not standard input")
        }
        guard try GeoJSONFeatureScanner.isFeatureCollection(path: path) else {
            throw InputError.malformed(file: path, line: nil, reason: "not a GeoJSON FeatureCollection (no \"type\": \"FeatureCollection\" with a \"features\" array)")
        }
        scanner = GeoJSONFeatureScanner(source: try ByteSource(path: path))
        size = scanner.source.totalBytes
    }

    package mutating func next() throws -> (line: Int, row: Result<ImportRow, RowError>)? {
        guard let feature = try scanner.next() else { return nil }
        switch feature {
        case let .bytes(data):
            return (scanner.count, JSONRow.row(fromJSON: data, line: scanner.count))
        case let .tooLong(length, start):
            return (scanner.count, .failure(RowError(field: "row", reason:
                "feature of \(length) bytes, longer than \(scanner.maxFeatureBytes) (it starts \"\(InputExcerpt.of(bytes: start))\")")))
        }
    }

    package var progress: (read: Int, total: Int?) { (scanner.source.bytesRead, size) }
}

/// Named fields from a JSON object: a GeoJSON Feature (properties + Point) or a flat object.
package enum JSONRow {
    package static func row(fromJSON data: Data, line: Int) -> Result<ImportRow, RowError> {
        guard let object = try? JSONSerialization.jsonObject(with: data) else {
            return .failure(RowError(field: "row", reason: "not valid JSON"))
        }
        return row(fromObject: object, line: line)
    }

    package static func row(fromObject object: Any, line: Int) -> Result<ImportRow, RowError> {
        guard let dictionary = object as? [String: Any] else { return .failure(RowError(field: "row", reason: "not a JSON object")) }
        var fields: [String: String] = [:]
        var values = dictionary
        if dictionary["type"] as? String == "Feature" {
            values = dictionary["properties"] as? [String: Any] ?? [:]
            guard let geometry = dictionary["geometry"] as? [String: Any], geometry["type"] as? String == "Point",
                  let position = geometry["coordinates"] as? [Any], position.count >= 2 else {
                return .failure(RowError(field: "geometry", reason: "is not a Point"))
            }
            guard let lon = position[0] as? NSNumber, let lat = position[1] as? NSNumber else {
                return .failure(RowError(field: "geometry", reason: "coordinates are not numbers"))
            }
            fields["longitude"] = lon.stringValue
            fields["latitude"] = lat.stringValue
        }
        for (key, value) in values {
            switch value {
            case let text as String: fields[key.lowercased()] = text
            case let number as NSNumber: fields[key.lowercased()] = number.stringValue
            case is NSNull: continue
            default: fields[key.lowercased()] = "\(value)"
            }
        }
        let names = Array(fields.keys)
        var columns: [String: Int] = [:]
        for (index, name) in names.enumerated() { columns[name] = index }
        // JSON objects carry their own keys, so each gets its own layout; JSON formats always map
        // with ProjectRowMapper (see IncidentImporter).
        return .success(ImportRow(line: line, layout: ColumnLayout(columns: columns, mapped: ProjectRowMapper.mapped),
                                  fields: names.map { fields[$0] ?? "" }))
    }
}
