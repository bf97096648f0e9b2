import HTTPTypes

/// A representation the client may ask for with `f=` or `Accept`.
enum ResponseFormat: String, Sendable, CaseIterable {
    /// JSON (GeoJSON for features).
    case json
    /// An HTML page.
    case html
    /// CSV with a header row.
    case csv

    /// The format for this request among `offered` (first is the default): `f` wins, else the
    /// best `Accept` media range, else the default. An `f` that is not offered is a 400.
    static func negotiate(_ f: String?, accept: String?, offered: [ResponseFormat]) throws -> ResponseFormat {
        if let f {
            guard let format = ResponseFormat(rawValue: f), offered.contains(format) else {
                throw Problem.badRequest("f '\(QueryParameters.shown(f))' is not offered here; use one of: " + offered.map(\.rawValue).joined(separator: ", "))
            }
            return format
        }
        guard let accept else { return offered[0] }
        var best: (format: ResponseFormat, quality: Double)?
        for range in accept.split(separator: ",") {
            let pieces = range.split(separator: ";").map { ($0.trimmingASCIISpaces() as Substring).lowercased() } // a Substring: AtlasImport's String-returning trim is visible here too
            guard let type = pieces.first else { continue }
            var quality = 1.0
            for piece in pieces.dropFirst() where piece.hasPrefix("q=") { quality = Double(piece.dropFirst(2)) ?? 0 }
            let format: ResponseFormat?
            switch type {
            case "application/geo+json", "application/json", "application/problem+json", "application/vnd.oai.openapi+json": format = .json
            case "text/html", "application/xhtml+xml": format = .html
            case "text/csv": format = .csv
            default: format = nil
            }
            if let format, offered.contains(format), quality > 0, quality > (best?.quality ?? 0) { best = (format, quality) }
        }
        // Nothing named that we offer (`*/*`, `application/xml`): the default, not a 406;
        // clients that send odd Accept headers still want the data.
        return best?.format ?? offered[0]
    }
}
