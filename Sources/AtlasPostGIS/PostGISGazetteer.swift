import AtlasGeo
import AtlasModel
import AtlasQuery
import PostgresNIO

/// The gazetteer of a PostGIS store: names in any spelling resolved by the same
/// `GazetteerFinder` as the SpatiaLite store's, over spellings read from `place_name` by their
/// stored folded keys and skeletons (no SQLite or PostgreSQL folding function).
struct PostGISGazetteer: GazetteerResolving {
    let connection: PostGISConnection

    func find(_ query: String, in admin1: String?, limit: Int) throws -> [PlaceMatch] {
        try connection.withSession { try PostGISNameLookup(session: $0).find(query, in: admin1, limit: limit) }
    }

    func suggestions(for query: String, limit: Int) throws -> [PlaceMatch] {
        try connection.withSession { try GazetteerFinder.suggestions(for: query, limit: limit, names: PostGISNameLookup(session: $0)) }
    }

    func place(id: Int64) throws -> Place? {
        try connection.withSession { try PostGISNameLookup(session: $0).places(ids: [id])[id] }
    }

    func admin1Records() throws -> [Admin1Record] {
        try connection.withSession { try PostGISNameLookup(session: $0).admin1Records() }
    }

    func admin1Keys(for name: String) throws -> (record: Admin1Record, keys: [String])? {
        guard let record = Admin1Record.matching(name, in: try admin1Records()) else { return nil }
        return (record, record.foldedKeys)
    }
}

/// The gazetteer's reads on a session the caller holds: `PostGISGazetteer` and the importer
/// (which places rows inside its own transaction) both search through it.
struct PostGISNameLookup: PlaceNameLookup {
    let session: PostGISSession

    /// Ranked candidates for `query`, those of the governorate `admin1` first.
    ///
    /// - throws: `GazetteerError.emptyQuery`, `.unknownAdmin1`; `PostGISError`.
    func find(_ query: String, in admin1: String?, limit: Int) throws -> [PlaceMatch] {
        guard !NameFolding.key(query).isEmpty else { throw GazetteerError.emptyQuery(query) }
        let context = try admin1.map { name -> Admin1Record in
            let records = try admin1Records()
            guard let record = Admin1Record.matching(name, in: records) else {
                throw GazetteerError.unknownAdmin1(name, known: records.map(\.name))
            }
            return record
        }
        return try GazetteerFinder.find(query, context: context, limit: limit, names: self)
    }

    /// Every governorate, by country and code.
    func admin1Records() throws -> [Admin1Record] {
        let rows = try session.rows(BoundSQL("""
            SELECT country, code, name, ascii_name, name_ar, pcode, geonameid, alternate_names
            FROM admin1 ORDER BY country, code
            """), context: "reading the governorates")
        return try rows.map { row in
            let (country, code, name, ascii, arabic, pcode, geonameID, alternates) =
                try row.decode((String, String, String, String, String?, String?, Int64?, String).self)
            return Admin1Record(country: country, code: code, name: name, asciiName: ascii, geonameID: geonameID,
                                nameArabic: arabic, pcode: pcode, alternateNames: alternates.split(separator: "|").map(String.init))
        }
    }

    // MARK: - PlaceNameLookup

    func spellings(key: String) throws -> [PlaceSpelling] {
        var sql = BoundSQL("SELECT place_id, name, key FROM place_name WHERE key = ")
        sql.bind(key)
        sql.append(" ORDER BY place_id, name")
        return try read(sql)
    }

    func spellings(skeleton: String, limit: Int) throws -> [PlaceSpelling] {
        var sql = BoundSQL("SELECT place_id, name, key FROM place_name WHERE skeleton = ")
        sql.bind(skeleton)
        sql.append(" ORDER BY key, place_id, name LIMIT ")
        sql.bind(Int64(limit))
        return try read(sql)
    }

    func spellings(keyPrefix prefix: String, keyLengths: ClosedRange<Int>, limit: Int) throws -> [PlaceSpelling] {
        // A range on the "C"-ordered key index: every key starting with `prefix` lies between
        // it and it followed by the highest code point.
        var sql = BoundSQL("SELECT place_id, name, key FROM place_name WHERE key >= ")
        sql.bind(prefix)
        sql.append(" AND key < ")
        sql.bind(prefix + "\u{10FFFF}")
        sql.append(" AND starts_with(key, ")
        sql.bind(prefix)
        sql.append(") AND char_length(key) BETWEEN ")
        sql.bind(Int64(keyLengths.lowerBound))
        sql.append(" AND ")
        sql.bind(Int64(keyLengths.upperBound))
        sql.append(" ORDER BY key, place_id, name LIMIT ")
        sql.bind(Int64(limit))
        return try read(sql)
    }

    func places(ids: [Int64]) throws -> [Int64: Place] {
        guard !ids.isEmpty else { return [:] }
        var sql = BoundSQL("""
            SELECT p.id, p.name, p.feature_class, p.feature_code, p.country, p.admin1, a.name, p.population,
                   p.importance, p.source, ST_X(p.geom), ST_Y(p.geom)
            FROM place p LEFT JOIN admin1 a ON a.country = p.country AND a.code = p.admin1
            WHERE p.id = ANY(
            """)
        sql.bind(ids)
        sql.append(")")
        let rows = try session.rows(sql, context: "reading places")
        var places: [Int64: Place] = [:]
        for row in rows {
            let cells = row.makeRandomAccess()
            let id = try cells[0].decode(Int64.self)
            places[id] = Place(
                id: id, name: try cells[1].decode(String.self),
                coordinate: Coordinate(latitude: try cells[11].decode(Double.self), longitude: try cells[10].decode(Double.self)),
                featureClass: try cells[2].decode(String.self), featureCode: try cells[3].decode(String.self),
                country: try cells[4].decode(String.self), admin1: try cells[5].decode(String.self),
                admin1Name: try cells[6].decode(String?.self), population: Int(try cells[7].decode(Int64.self)),
                importance: Int(try cells[8].decode(Int64.self)), source: try cells[9].decode(String.self))
        }
        return places
    }

    private func read(_ sql: BoundSQL) throws -> [PlaceSpelling] {
        let rows = try session.rows(sql, context: "looking up place names")
        return try rows.map { row in
            let (id, name, key) = try row.decode((Int64, String, String).self)
            return PlaceSpelling(placeID: id, name: name, key: key)
        }
    }
}
