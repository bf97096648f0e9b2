import AtlasImport
import AtlasGeo
import AtlasModel
import AtlasQuery
import Foundation
import GRDB

/// Named areas (governorate boundaries, user areas) stored as SpatiaLite MULTIPOLYGONs.
public struct RegionStore: RegionProviding {
    private let database: SpatialDatabase

    /// Regions of `database`.
    public init(database: SpatialDatabase) {
        self.database = database
    }

    /// Loads every (Multi)Polygon feature of a GeoJSON file, named by its `nameProperty`, in
    /// one transaction, storing each area as it is read (memory holds one feature, not the
    /// file). A region of the same name is replaced. Bad features are reported by number and
    /// skipped.
    ///
    /// - throws: `InputError` if the file cannot be read or is not GeoJSON, and nothing is
    ///   loaded.
    public func load(_ path: String, nameProperty: String) throws -> LoadReport {
        let source = (path as NSString).lastPathComponent
        return try database.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO region (name, key, kind, properties, source, geom)
                VALUES (?, ?, 'area', ?, ?, CastToMultiPolygon(GeomFromText(?, 4326)))
                ON CONFLICT (kind, name) DO UPDATE SET key = excluded.key, properties = excluded.properties,
                    source = excluded.source, geom = excluded.geom
                """)
            let stored = try db.cachedStatement(sql: "SELECT geom IS NOT NULL FROM region WHERE kind = 'area' AND name = ?")
            return try RegionFile.forEachArea(path: path, nameProperty: nameProperty) { area in
                let name = area.name
                try insert.execute(arguments: [name, NameFolding.key(name), FlatJSON.object(area.properties), source, area.shape.wkt])
                guard try Bool.fetchOne(stored, arguments: [name]) ?? false else {
                    throw StoreError.spatiaLite(call: "GeomFromText", detail: "SpatiaLite refused the geometry of '\(name)' (feature \(area.feature))")
                }
            }
        }
    }

    /// The stored region whose name folds like `name`, with its geometry; nil if none.
    public func region(named name: String) throws -> Region? {
        let key = NameFolding.key(name)
        guard !key.isEmpty else { return nil }
        return try database.read { db -> Region? in
            guard let row = try Row.fetchOne(db, sql: "SELECT name, AsGeoJSON(geom) AS json FROM region WHERE key = ? ORDER BY id LIMIT 1",
                                             arguments: [key]) else { return nil }
            let json: String = row["json"] ?? ""
            guard let area = try? AreaParsing.geoJSON(Data(json.utf8)).areas.first else {
                throw StoreError.invalidValue("region '\(row["name"] as String? ?? name)': stored geometry unreadable")
            }
            return Region(name: row["name"], shape: area.shape)
        }
    }

    /// Names of the stored regions, sorted.
    public func regionNames() throws -> [String] {
        try database.read { db in try String.fetchAll(db, sql: "SELECT name FROM region ORDER BY name") }
    }
}
