import AtlasModel

/// An incident file opened for import: its format, its rows and the mapper that validates them.
/// Both backends' imports read through it, so every format is parsed once, the same way, and a
/// row is rejected with the same `FILE:LINE: field: reason` whatever the store.
package struct IncidentFile {
    /// The path as named by the user (`-` for standard input).
    package let path: String
    /// The format read (given, or guessed from the extension and the CSV header).
    package let format: ImportFormat
    private let source: any RowSource
    private let mapper: any RowMapper

    /// Opens `path` as `format`, or as the format its extension or CSV header says.
    ///
    /// - throws: `InputError` if the file cannot be read, is empty, or its header lacks a
    ///   column the format needs.
    package init(path: String, format given: ImportFormat?) throws {
        self.path = path
        switch given ?? ImportFormat.guess(path: path) {
        case .geojson?:
            (source, format, mapper) = (try GeoJSONRowSource(path: path), .geojson, ProjectRowMapper())
        case .jsonl?:
            (source, format, mapper) = (JSONLinesRowSource(lines: try LineReader(path: path)), .jsonl, ProjectRowMapper())
        case let csvFormat:
            (source, format, mapper) = try Self.csvRows(try CSVReader(path: path), path: path, format: csvFormat)
        }
    }

    /// The rows of the CSV file `reader` reads, under its header, with the format (`format`, or
    /// guessed from the header) and that format's mapper. `path` names the file in messages.
    ///
    /// - throws: `InputError.malformed` for an empty file or a header without a column the
    ///   format needs; what reading the header throws.
    package static func csvRows(_ reader: CSVReader, path: String, format: ImportFormat?) throws -> (CSVRowSource, ImportFormat, any RowMapper) {
        guard let header = try reader.next() else {
            throw InputError.malformed(file: path, line: nil, reason: "the file is empty; expected a CSV header")
        }
        let names = header.fields.map { $0.trimmingASCIISpaces().lowercased() }
        var columns: [String: Int] = [:]
        for (index, name) in names.enumerated() where columns[name] == nil { columns[name] = index }
        let format = format ?? ImportFormat.guess(header: names)
        let mapper: any RowMapper, required: [String]
        switch format {
        case .acled: (mapper, required) = (ACLEDRowMapper(), ["event_date", "event_type", "latitude", "longitude"])
        case .ucdp: (mapper, required) = (UCDPRowMapper(), ["id", "date_start", "type_of_violence", "latitude", "longitude"])
        default: (mapper, required) = (ProjectRowMapper(), ["event_date", "event_type"])
        }
        for column in required where columns[column] == nil {
            throw InputError.malformed(file: path, line: 1,
                reason: "header has no '\(column)' column, which \(format.rawValue) files need (found: \(InputExcerpt.of(names.joined(separator: ","), limit: 200)))")
        }
        let source = CSVRowSource(reader: reader, layout: ColumnLayout(columns: columns, mapped: type(of: mapper).mapped), width: names.count)
        return (source, format, mapper)
    }

    /// The file's size in bytes, when known (not for a pipe).
    package var totalBytes: Int? { source.progress.total }

    /// Reads and validates the rows on a second thread and hands them, in file order, to
    /// `consume` on this one, batch by batch (at most a few batches wait, so memory stays
    /// bounded). An error from either side stops both and is rethrown.
    package consuming func batches(_ consume: (inout IncidentBatch) throws -> Void) throws {
        try BatchPipeline.run(produce: Self.parsing(Handoff(value: (source, mapper))), consume: { batches in
            for var batch in batches { try consume(&batch) }
        })
    }

    /// Rows per batch handed from the parsing thread to the writing thread, and the text bytes
    /// after which a batch goes early (rows with very long notes).
    package static let batchRows = 1024
    private static let batchBytes = 4 << 20

    /// The parsing stage: reads rows from the source and maps them into batches.
    private static func parsing(_ handoff: Handoff<(any RowSource, any RowMapper)>) -> @Sendable (([IncidentBatch]) -> Bool) throws -> Void {
        { emit in
            var (source, mapper) = handoff.value
            var batch = IncidentBatch(rows: batchRows, bytesPerRow: 512)
            while let (line, parsed) = try source.next() {
                switch parsed {
                case let .failure(error):
                    batch.reject(line: line, field: error.field, reason: error.reason)
                case let .success(row):
                    do {
                        try mapper.append(row, to: &batch)
                    } catch let error as RowError {
                        batch.reject(line: line, field: error.field, reason: error.reason)
                    }
                }
                if batch.count + batch.rejections.count >= batchRows || batch.byteCount >= batchBytes {
                    batch.progress = source.progress
                    guard emit([batch]) else { return }
                    batch = IncidentBatch(rows: batchRows, bytesPerRow: 512)
                }
            }
            if batch.count + batch.rejections.count > 0 {
                batch.progress = source.progress
                _ = emit([batch])
            }
        }
    }
}
