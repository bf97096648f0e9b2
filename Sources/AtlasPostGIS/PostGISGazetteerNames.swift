import AtlasModel
import AtlasQuery
import PostgresNIO

/// The PostGIS gazetteer read in bulk for `atlas extract`: every spelling in the order of the
/// SpatiaLite name index (key, place id, name; bytes), places by id, governorates.
struct PostGISGazetteerNames: GazetteerNameListing {
    let connection: PostGISConnection

    func forEachName(_ body: (Int64, String, String) throws -> Void) throws {
        let rows = try connection.withSession { session in
            try session.rows(BoundSQL("SELECT place_id, name, key FROM place_name ORDER BY key, place_id, name"),
                             context: "reading the gazetteer's names")
        }
        for row in rows {
            let (id, name, key) = try row.decode((Int64, String, String).self)
            try body(id, name, key)
        }
    }

    func places<IDs: Sequence<Int64>>(ids: IDs) throws -> [Int64: Place] {
        let wanted = Array(Set(ids))
        return try connection.withSession { try PostGISNameLookup(session: $0).places(ids: wanted) }
    }

    func admin1Records() throws -> [Admin1Record] {
        try connection.withSession { try PostGISNameLookup(session: $0).admin1Records() }
    }
}

/// The reports of a PostGIS store (`atlas extract --commit`).
struct PostGISReports: ReportRecording {
    let connection: PostGISConnection

    func record(sha256: String, source: String, url: String, published: String?, title: String) throws -> Int64 {
        let context = "recording report \(sha256.prefix(16))"
        return try connection.withTransaction(context) { session in
            var insert = BoundSQL("INSERT INTO report (sha256, source, url, published, title) VALUES (")
            insert.bind(sha256); insert.append(", ")
            insert.bind(source); insert.append(", ")
            insert.bind(url); insert.append(", ")
            insert.bind(published); insert.append("::text, ")
            insert.bind(title); insert.append(") ON CONFLICT (sha256) DO NOTHING")
            try session.rows(insert, context: context)
            var select = BoundSQL("SELECT id FROM report WHERE sha256 = ")
            select.bind(sha256)
            guard let row = try session.rows(select, context: context).first else {
                throw PostGISError.invalidValue(session.url.redacted, what: "report \(sha256) vanished")
            }
            return try row.decode(Int64.self)
        }
    }
}
