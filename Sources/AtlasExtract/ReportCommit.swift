import AtlasModel
import AtlasQuery
import AtlasStore
import Crypto
import Foundation

/// Stores an extraction: a `report` row (keyed by the SHA-256 of the text) and one incident per
/// candidate, keyed by report, place, sub-event type and (for a name placed at its containing
/// place) the name as written, so committing the same report twice adds nothing.
public struct ReportCommit: Sendable {
    private let reports: any ReportRecording
    private let writer: any IncidentWriting

    /// Commits into the SpatiaLite store `database`.
    public init(database: SpatialDatabase) {
        self.init(reports: ReportStore(database: database), writer: SpatiaLiteBackend(database: database).writer)
    }

    /// Commits into any backend: reports through `reports`, incidents through `writer`.
    public init(reports: any ReportRecording, writer: any IncidentWriting) {
        self.reports = reports
        self.writer = writer
    }

    /// SHA-256 of the text's UTF-8 bytes, lowercase hex.
    public static func sha256(of text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Stores the report and its incidents; returns (report id, inserted, unchanged).
    public func commit(_ extraction: ReportExtractor.Extraction, text: String, date: ReportDate,
                       source: String, url: String) throws -> (reportID: Int64, inserted: Int, unchanged: Int) {
        let digest = Self.sha256(of: text)
        let title = text.split(separator: "\n").first.map { String($0.prefix(200)) } ?? ""
        let reportID = try reports.record(sha256: digest, source: source, url: url,
                                                                 published: date.date.description, title: title)
        let incidents = extraction.candidates.map { candidate in
            Incident(
                sourceKey: "report:\(digest.prefix(16)):\(candidate.place.id):\(candidate.subEventType)"
                    + (candidate.location == candidate.place.name ? "" : ":" + NameFolding.key(candidate.location)),
                eventDate: date.date.description, timePrecision: date.timePrecision,
                eventType: candidate.eventType, subEventType: candidate.subEventType,
                actor1: candidate.actor1, actor2: candidate.actor2, country: candidate.place.country,
                admin1: candidate.place.admin1Name ?? candidate.place.admin1, location: candidate.location,
                placeID: candidate.place.id, coordinate: candidate.place.coordinate,
                geoPrecision: GeoPrecision(level: candidate.geoPrecision, scheme: "gazetteer", code: candidate.geoPrecision),
                source: source, notes: candidate.note.isEmpty ? candidate.evidence : candidate.evidence + " [" + candidate.note + "]",
                reportID: reportID)
        }
        let counts = try writer.upsert(incidents)
        return (reportID, counts.inserted, counts.unchanged + counts.updated)
    }
}
