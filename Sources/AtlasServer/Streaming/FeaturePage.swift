import AtlasModel
import AtlasQuery
import Foundation

/// Writes one page of incidents as an OGC items response into a `ResponseSpool`, on a worker
/// thread: the features come from the backend's `IncidentSearching` and are encoded by `IncidentWriter`
/// (the CLI's encoder); only the envelope (`numberMatched`, `links`, `timeStamp`) is the
/// server's. Bytes go out in chunks of about 64 KiB.
struct FeaturePage {
    /// What to select (names resolved).
    var query: IncidentQuery
    /// The response format.
    var format: ResponseFormat
    /// `distance_m` on each feature (a `near` query).
    var withDistance: Bool
    /// Builds the page's links from the cursors of the next and the previous page (nil when
    /// there is none: `after` and `before` values).
    var links: @Sendable (_ next: IncidentCursor?, _ previous: IncidentCursor?, _ format: ResponseFormat) -> [Link]
    /// Stop with an error past this instant (the per-request time limit).
    var deadline: Date

    /// Bytes buffered before they are handed to the spool.
    static let chunkSize = 64 << 10

    /// Runs the query and writes the whole response body to `spool`.
    func write(from search: any IncidentSearching, to spool: ResponseSpool) throws {
        // A spatial page and its count come from one search; a page without spatial parts is
        // streamed from one statement and counted by SQL. A page reached by `after` follows the
        // cursor's match, so it has an earlier page.
        let streamed = !query.isSpatial && query.before == nil
        var found: [IncidentMatch] = []
        var matched = 0
        var earlier = query.after != nil
        if streamed {
            matched = try search.count(query)
        } else if query.before != nil {
            // A page reached by `before` has an earlier page only if more than `limit` matches
            // precede the cursor, so it reads one more.
            var wider = query
            wider.limit = query.limit.map { $0 + 1 }
            (found, matched) = try search.page(wider)
            earlier = found.count > (query.limit ?? .max)
            if earlier { found.removeFirst() }
        } else {
            (found, matched) = try search.page(query)
        }
        // `IncidentWriter` is used for its record encoding only; its sink is never written.
        let encoder = IncidentWriter(format: format == .csv ? .csv : .geojson, sink: .standardOutput(), withDistance: withDistance)
        var body = PageBody(spool: spool, deadline: deadline)
        body.bytes.append(utf8: head(matched: matched))
        if !streamed {
            var page = PageMatches(found: found)
            let ids = found.map(\.id)
            // An id-ordered page may be read by a scan of its id range (see `forEachIncident(sortedIDs:)`),
            // and GeoJSON encoded from the stored bytes when the backend lends them. A page in
            // another order (nearest first) is read in id order too, each feature encoded
            // aside, then written in the page's order.
            let sorted = zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }
            var encodedFromFields = false
            if format == .json && sorted {
                encodedFromFields = try search.forEachFeatureFields(sortedIDs: ids) { fields in
                    guard let match = page.match(fields.id) else { return }
                    body.beginJSONFeature()
                    encoder.encodeFeature(fields, distanceMeters: match.distanceMeters, into: &body.bytes)
                    try body.written(match)
                }
            } else if format == .json {
                let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
                var encoded = OutputBytes(capacity: FeaturePage.chunkSize), spans: [Int64: Range<Int>] = [:]
                encodedFromFields = try search.forEachFeatureFields(sortedIDs: byID.keys.sorted()) { fields in
                    guard let match = byID[fields.id] else { return }
                    let start = encoded.count
                    encoder.encodeFeature(fields, distanceMeters: match.distanceMeters, into: &encoded)
                    spans[fields.id] = start..<encoded.count
                }
                if encodedFromFields {
                    for match in found {
                        guard let span = spans.removeValue(forKey: match.id) else { continue }
                        body.beginJSONFeature()
                        body.bytes.appendBytes(UnsafeBufferPointer(rebasing: encoded.bytes[span]))
                        try body.written(match)
                    }
                }
            }
            if !encodedFromFields {
                let forEach = sorted ? search.forEachIncident(sortedIDs:withAttributes:_:) : search.forEachIncident(ids:withAttributes:_:)
                try forEach(ids, false) { incident in
                    guard let match = page.match(incident.id ?? 0) else { return }
                    try emit(incident, match, encoder: encoder, into: &body)
                }
            }
        } else {
            try search.forEachIncident(query, withAttributes: false) { incident, match in
                try emit(incident, match, encoder: encoder, into: &body)
            }
        }
        // Before a cursor, the cursor's own match follows the page.
        let more = query.before != nil ? body.returned > 0 : body.returned == query.limit
        let next = more ? body.last.map(IncidentCursor.init(after:)) : nil
        let previous = earlier ? body.first.map(IncidentCursor.init(after:)) : nil
        body.bytes.append(utf8: tail(matched: matched, returned: body.returned, next: next, previous: previous))
        try body.handOver()
    }

    /// Writes `incident` (the page's `match`) in the response format.
    private func emit(_ incident: Incident, _ match: IncidentMatch, encoder: IncidentWriter, into body: inout PageBody) throws {
        switch format {
        case .json:
            body.beginJSONFeature()
            encoder.encodeRecord(incident, distanceMeters: match.distanceMeters, into: &body.bytes)
        case .csv:
            encoder.encodeRecord(incident, distanceMeters: match.distanceMeters, into: &body.bytes)
        case .html:
            body.bytes.append(utf8: HTMLPage.incidentRow(incident, distanceMeters: match.distanceMeters))
        }
        try body.written(match)
    }

    private func head(matched: Int) -> String {
        switch format {
        case .json: return "{\"type\":\"FeatureCollection\",\"features\":["
        case .csv: return (IncidentWriter.csvColumns + (withDistance ? ["distance_m"] : [])).joined(separator: ",") + "\n"
        case .html: return HTMLPage.incidentTableHead(matched: matched, withDistance: withDistance)
        }
    }

    private func tail(matched: Int, returned: Int, next: IncidentCursor?, previous: IncidentCursor?) -> String {
        let links = links(next, previous, format)
        switch format {
        case .json:
            return "\n],\"numberMatched\":\(matched),\"numberReturned\":\(returned),\"timeStamp\":\"\(Self.timeStamp())\","
                + "\"links\":" + JSONValue.array(links.map(\.json)).text + "}\n"
        case .csv: return ""
        case .html: return HTMLPage.incidentTableTail(returned: returned, links: links)
        }
    }

    /// Now, RFC 3339 in UTC, to the second.
    static func timeStamp() -> String {
        ServerDates.rfc3339(Date())
    }
}

/// The body of a page being written: its bytes, handed to the spool in chunks, and the features
/// written so far. A value mutated only inside non-escaping closures, so its accesses are
/// checked when compiling, not on every feature.
private struct PageBody {
    let spool: ResponseSpool
    /// Stop with an error past this instant.
    let deadline: Date
    /// Written through a pointer: a feature is a few dozen small appends.
    var bytes = OutputBytes(capacity: FeaturePage.chunkSize + 8192)
    var returned = 0
    var first: IncidentMatch?
    var last: IncidentMatch?

    init(spool: ResponseSpool, deadline: Date) {
        self.spool = spool
        self.deadline = deadline
    }

    /// Starts a GeoJSON feature: a comma after the previous one, then a newline.
    mutating func beginJSONFeature() {
        if returned > 0 { bytes.append(0x2C) }
        bytes.append(0x0A)
    }

    /// Counts the feature of `match` just written, and hands a full chunk to the spool.
    ///
    /// - throws: `Problem` 503 past the deadline; the spool's error.
    mutating func written(_ match: IncidentMatch) throws {
        returned += 1
        if first == nil { first = match }
        last = match
        guard bytes.count >= FeaturePage.chunkSize else { return }
        if Date() > deadline { throw Problem(.serviceUnavailable, "the request took longer than the time limit") }
        try handOver()
    }

    /// Hands the bytes written so far to the spool.
    func handOver() throws {
        try spool.append(Array(bytes.bytes))
        bytes.removeAll()
    }
}

/// The page's matches, looked up as the backend returns their rows in page order (a missing
/// row, deleted since the page was chosen, is skipped).
private struct PageMatches {
    let found: [IncidentMatch]
    private var index = 0

    init(found: [IncidentMatch]) { self.found = found }

    /// The match of `id`, the next one with that id from where the last lookup stopped.
    mutating func match(_ id: Int64) -> IncidentMatch? {
        while index < found.count && found[index].id != id { index += 1 }
        return index < found.count ? found[index] : nil
    }
}
