import AtlasGeo
import AtlasImport
import AtlasModel
import AtlasQuery
import Foundation
import PostgresNIO

/// Named areas (`atlas regions load`) in a PostGIS store, as `MULTIPOLYGON` geometries (SRID
/// 4326), found by folded name. Queries take a region's shape and test it exactly in Swift
/// (`MultiPolygon.covers`, as for every area), so both backends keep the same incidents.
struct PostGISRegions: RegionProviding {
    let connection: PostGISConnection

    /// Loads every (Multi)Polygon feature of the GeoJSON file at `path`, named by its
    /// `nameProperty`, in one transaction, each area sent as it is read; a region of the same name is replaced. Bad features
    /// are reported by number and skipped, as in the SpatiaLite store.
    ///
    /// - throws: `InputError` if the file cannot be read or is not GeoJSON; `PostGISError`.
    func load(_ path: String, nameProperty: String) throws -> LoadReport {
        let context = "loading regions from \(path)"
        let source = (path as NSString).lastPathComponent
        return try connection.withTransaction(context) { session in
            try RegionFile.forEachArea(path: path, nameProperty: nameProperty) { area in
                let name = area.name
                var sql = BoundSQL("INSERT INTO region (name, key, kind, properties, source, geom) VALUES (")
                sql.bind(name); sql.append(", ")
                sql.bind(NameFolding.key(name)); sql.append(", 'area', ")
                sql.bind(FlatJSON.object(area.properties)); sql.append(", ")
                sql.bind(source); sql.append(", ST_Multi(ST_GeomFromText(")
                sql.bind(area.shape.wkt)
                sql.append(", 4326))) ON CONFLICT (kind, name) DO UPDATE SET key = EXCLUDED.key, properties = EXCLUDED.properties, ")
                sql.append("source = EXCLUDED.source, geom = EXCLUDED.geom")
                try session.rows(sql, context: "\(context): region '\(name)' (feature \(area.feature))")
            }
        }
    }

    func region(named name: String) throws -> Region? {
        let key = NameFolding.key(name)
        guard !key.isEmpty else { return nil }
        // Read back as GeoJSON with 15 decimals, as the SpatiaLite store's `AsGeoJSON` does.
        var sql = BoundSQL("SELECT name, ST_AsGeoJSON(geom, 15) FROM region WHERE key = ")
        sql.bind(key)
        sql.append(" ORDER BY id LIMIT 1")
        let rows = try connection.withSession { try $0.rows(sql, context: "reading region '\(name)'") }
        guard let row = rows.first else { return nil }
        let (stored, json) = try row.decode((String, String).self)
        guard let area = try? AreaParsing.geoJSON(Data(json.utf8)).areas.first else {
            throw PostGISError.invalidValue(connection.url.redacted, what: "region '\(stored)': stored geometry unreadable")
        }
        return Region(name: stored, shape: area.shape)
    }

    func regionNames() throws -> [String] {
        let rows = try connection.withSession { try $0.rows(BoundSQL("SELECT name FROM region ORDER BY name"), context: "listing regions") }
        return try rows.map { try $0.decode(String.self) }
    }
}
