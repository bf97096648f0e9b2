import AtlasModel
import PostgresNIO

/// Writes governorates and places with their spellings into a PostGIS store, in one
/// transaction, with the SpatiaLite loader's rules: a governorate is replaced by
/// (country, code); a place whose `sourceKey` is stored keeps its id and is updated, its
/// spellings merged (a spelling already stored keeps its row); a new place keeps its GeoNames
/// id, or gets the next local id (1,000,000,000 and up).
///
/// Rows go as arrays bound to one `unnest` statement per table and chunk: values are never
/// spliced into SQL.
struct PostGISGazetteerWriter {
    let connection: PostGISConnection

    /// Local ids start here, above any GeoNames id (as in the SpatiaLite store).
    static let firstLocalID: Int64 = 1_000_000_000
    /// Rows per statement.
    static let chunk = 5_000

    /// Stores `admin1` and `places`; returns how many places were new.
    ///
    /// - throws: `PostGISError.server` naming what was being written; nothing is kept then.
    func write(admin1: [Admin1Record], places: [GazetteerEntry], context: String) throws -> (inserted: Int, updated: Int) {
        try connection.withTransaction(context) { session in
            // Two loads at once would allocate the same local ids; the lock orders them.
            try session.execute("SELECT pg_advisory_xact_lock(7247000002)", context: context)
            try writeAdmin1(admin1, session: session, context: context)
            let ids = try storedIDs(places, session: session, context: context)
            var inserted = 0
            for start in stride(from: 0, to: places.count, by: Self.chunk) {
                let part = start..<min(start + Self.chunk, places.count)
                inserted += try writePlaces(places[part], ids: Array(ids[part]), session: session, context: context)
                try writeSpellings(places[part], ids: Array(ids[part]), session: session, context: context)
            }
            return (inserted, places.count - inserted)
        }
    }

    private func writeAdmin1(_ records: [Admin1Record], session: PostGISSession, context: String) throws {
        guard !records.isEmpty else { return }
        var sql = BoundSQL("""
            INSERT INTO admin1 (country, code, name, ascii_name, name_ar, pcode, geonameid, alternate_names)
            SELECT country, code, name, ascii_name, nullif(name_ar, ''), nullif(pcode, ''), nullif(geonameid, '')::bigint,
                   alternate_names
            FROM unnest(
            """)
        sql.bind(records.map(\.country)); sql.append("::text[], ")
        sql.bind(records.map(\.code)); sql.append("::text[], ")
        sql.bind(records.map(\.name)); sql.append("::text[], ")
        sql.bind(records.map(\.asciiName)); sql.append("::text[], ")
        // Arrays of optionals cannot be bound: an absent value goes as "" and comes back NULL.
        sql.bind(records.map { $0.nameArabic ?? "" }); sql.append("::text[], ")
        sql.bind(records.map { $0.pcode ?? "" }); sql.append("::text[], ")
        sql.bind(records.map { $0.geonameID.map(String.init) ?? "" }); sql.append("::text[], ")
        sql.bind(records.map { $0.alternateNames.joined(separator: "|") }); sql.append("::text[])")
        sql.append(" AS v(country, code, name, ascii_name, name_ar, pcode, geonameid, alternate_names)")
        sql.append("""
             ON CONFLICT (country, code) DO UPDATE SET name = EXCLUDED.name, ascii_name = EXCLUDED.ascii_name,
                name_ar = EXCLUDED.name_ar, pcode = EXCLUDED.pcode, geonameid = EXCLUDED.geonameid,
                alternate_names = EXCLUDED.alternate_names
            """)
        try session.rows(sql, context: context)
    }

    /// The id each place is stored under: the stored one for a known source key, else its
    /// GeoNames id, else the next local id.
    private func storedIDs(_ places: [GazetteerEntry], session: PostGISSession, context: String) throws -> [Int64] {
        var stored: [String: Int64] = [:]
        for start in stride(from: 0, to: places.count, by: Self.chunk) {
            var sql = BoundSQL("SELECT source_key, id FROM place WHERE source_key = ANY(")
            sql.bind(places[start..<min(start + Self.chunk, places.count)].map(\.sourceKey))
            sql.append(")")
            for row in try session.rows(sql, context: context) {
                let (key, id) = try row.decode((String, Int64).self)
                stored[key] = id
            }
        }
        var sql = BoundSQL("SELECT coalesce(max(id) + 1, ")
        sql.bind(Self.firstLocalID)
        sql.append(") FROM place WHERE id >= ")
        sql.bind(Self.firstLocalID)
        var nextLocal = try session.rows(sql, context: context).first?.decode(Int64.self) ?? Self.firstLocalID
        return places.map { entry in
            if let id = stored[entry.sourceKey] { return id }
            guard entry.place.id >= Self.firstLocalID else { return entry.place.id }
            defer { nextLocal += 1 }
            return nextLocal
        }
    }

    /// Upserts the places; returns how many were inserted.
    private func writePlaces(_ places: ArraySlice<GazetteerEntry>, ids: [Int64], session: PostGISSession, context: String) throws -> Int {
        var sql = BoundSQL("""
            INSERT INTO place (id, name, ascii_name, feature_class, feature_code, country, admin1, admin2,
                               population, importance, source, source_key, geom)
            SELECT id, name, ascii_name, feature_class, feature_code, country, admin1, admin2, population, importance,
                   source, source_key, ST_SetSRID(ST_MakePoint(lon, lat), 4326)
            FROM unnest(
            """)
        sql.bind(ids); sql.append("::bigint[], ")
        sql.bind(places.map(\.place.name)); sql.append("::text[], ")
        sql.bind(places.map(\.asciiName)); sql.append("::text[], ")
        sql.bind(places.map(\.place.featureClass)); sql.append("::text[], ")
        sql.bind(places.map(\.place.featureCode)); sql.append("::text[], ")
        sql.bind(places.map(\.place.country)); sql.append("::text[], ")
        sql.bind(places.map(\.place.admin1)); sql.append("::text[], ")
        sql.bind(places.map(\.admin2)); sql.append("::text[], ")
        sql.bind(places.map { Int64($0.place.population) }); sql.append("::bigint[], ")
        sql.bind(places.map { Int64($0.place.importance) }); sql.append("::bigint[], ")
        sql.bind(places.map(\.place.source)); sql.append("::text[], ")
        sql.bind(places.map(\.sourceKey)); sql.append("::text[], ")
        sql.bind(places.map(\.place.coordinate.longitude)); sql.append("::float8[], ")
        sql.bind(places.map(\.place.coordinate.latitude)); sql.append("::float8[])")
        sql.append("""
             AS v(id, name, ascii_name, feature_class, feature_code, country, admin1, admin2, population, importance,
                  source, source_key, lon, lat)
            ON CONFLICT (source_key) DO UPDATE SET name = EXCLUDED.name, ascii_name = EXCLUDED.ascii_name,
                feature_class = EXCLUDED.feature_class, feature_code = EXCLUDED.feature_code, country = EXCLUDED.country,
                admin1 = EXCLUDED.admin1, admin2 = EXCLUDED.admin2, population = EXCLUDED.population,
                importance = EXCLUDED.importance, source = EXCLUDED.source, geom = EXCLUDED.geom
            RETURNING (xmax::text = '0')
            """)
        return try session.rows(sql, context: context).reduce(0) { $0 + (try $1.decode(Bool.self) ? 1 : 0) }
    }

    /// Adds the spellings each place does not have yet.
    private func writeSpellings(_ places: ArraySlice<GazetteerEntry>, ids: [Int64], session: PostGISSession, context: String) throws {
        var placeIDs: [Int64] = [], names: [String] = [], keys: [String] = [], skeletons: [String] = []
        var languages: [String] = [], preferred: [Bool] = []
        for (entry, id) in zip(places, ids) {
            for spelling in entry.spellings {
                placeIDs.append(id); names.append(spelling.name); keys.append(spelling.key)
                skeletons.append(NameFolding.skeleton(ofKey: spelling.key))
                languages.append(spelling.language); preferred.append(spelling.isPreferred)
            }
        }
        guard !placeIDs.isEmpty else { return }
        var sql = BoundSQL("INSERT INTO place_name (place_id, name, key, skeleton, language, is_preferred) SELECT * FROM unnest(")
        sql.bind(placeIDs); sql.append("::bigint[], ")
        sql.bind(names); sql.append("::text[], ")
        sql.bind(keys); sql.append("::text[], ")
        sql.bind(skeletons); sql.append("::text[], ")
        sql.bind(languages); sql.append("::text[], ")
        sql.bind(preferred); sql.append("::boolean[]) ON CONFLICT (place_id, name) DO NOTHING")
        try session.rows(sql, context: context)
    }
}
