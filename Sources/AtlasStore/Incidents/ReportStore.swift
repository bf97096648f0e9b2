import AtlasQuery
import GRDB

/// Source documents that incidents were extracted from, identified by the SHA-256 of their text.
public struct ReportStore: ReportRecording {
    private let database: SpatialDatabase

    /// Reports in `database`.
    public init(database: SpatialDatabase) {
        self.database = database
    }

    /// The id of the report with `sha256`, stored now if new (its other fields are kept as
    /// first stored: extracting the same report twice adds nothing).
    public func record(sha256: String, source: String, url: String, published: String?, title: String) throws -> Int64 {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO report (sha256, source, url, published, title) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (sha256) DO NOTHING
                """, arguments: [sha256, source, url, published, title])
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM report WHERE sha256 = ?", arguments: [sha256]) else {
                throw StoreError.sqlite(context: "recording report", message: "report \(sha256) vanished")
            }
            return id
        }
    }
}
