import AtlasModel
import AtlasImport
import AtlasGeo
import Foundation

/// Reads places from a CSV file with a header row (see `GazetteerFormat.csv` for columns).
enum CSVPlaceReader {
    /// Calls `accept` for each valid row and `reject` (line, message) for each bad one.
    ///
    /// - throws: `InputError.malformed` if the header lacks a required column.
    static func read(
        path: String, separator: UInt8, source: String,
        accept: (PlaceRecord) throws -> Void, reject: (Int, String) -> Void
    ) throws {
        let reader = try CSVReader(path: path, separator: separator)
        guard let header = try reader.next() else {
            throw InputError.malformed(file: path, line: nil, reason: "the file is empty; expected a header row")
        }
        let names = header.fields.map { $0.trimmingASCIISpaces().lowercased() }
        for required in ["name", "latitude", "longitude"] where !names.contains(required) {
            throw InputError.malformed(file: path, line: 1,
                reason: "header has no '\(required)' column (found: \(InputExcerpt.of(names.joined(separator: ","), limit: 200)))")
        }
        while let record = try reader.next() {
            if let problem = record.problem { reject(record.line, problem); continue }
            guard record.fields.count == names.count else {
                reject(record.line, "row has \(record.fields.count) fields; the header has \(names.count)")
                continue
            }
            var fields: [String: String] = [:]
            for (name, value) in zip(names, record.fields) { fields[name] = value }
            let coordinate: Coordinate
            switch FieldParsing.coordinate(latitude: fields["latitude"] ?? "", longitude: fields["longitude"] ?? "") {
            case let .success(value): coordinate = value
            case let .failure(error): reject(record.line, error.description); continue
            }
            switch PlaceFieldMapping.record(fields: fields, coordinate: coordinate, source: source) {
            case let .success(place): try accept(place)
            case let .failure(error): reject(record.line, error.description)
            }
        }
    }
}
