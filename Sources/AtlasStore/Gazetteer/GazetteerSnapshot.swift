import AtlasGeo
import AtlasModel
import Foundation
import GRDB

/// The whole gazetteer of a SpatiaLite store as plain values: governorates and every place with
/// its spellings. The PostGIS backend's loads go through it: a file is loaded by this store's
/// loader (the one parser, folding and merging) into a scratch store, and the result copied.
public enum GazetteerSnapshot {
    /// Every governorate, by country and code.
    public static func admin1Records(in database: SpatialDatabase) throws -> [Admin1Record] {
        try database.read { db in try Admin1Lookup.all(in: db) }
    }

    /// Every place with its spellings, by id (spellings by name bytes).
    ///
    /// - throws: `StoreError.invalidValue` naming a place whose geometry is not a point.
    public static func places(in database: SpatialDatabase) throws -> [GazetteerEntry] {
        try database.read { db in
            var spellings: [Int64: [GazetteerEntry.Spelling]] = [:]
            let names = try Row.fetchCursor(db, sql: """
                SELECT place_id, name, key, language, is_preferred FROM place_name ORDER BY place_id, name
                """)
            while let row = try names.next() {
                let spelling = GazetteerEntry.Spelling(name: row[1], key: row[2], language: row[3] ?? "",
                                                       isPreferred: (row[4] as Int64? ?? 0) != 0)
                spellings[row[0], default: []].append(spelling)
            }
            var entries: [GazetteerEntry] = []
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(PlaceRow.columns), p.ascii_name, p.admin2, p.source_key FROM place p \(PlaceRow.admin1Join) ORDER BY p.id
                """)
            while let row = try rows.next() {
                var place = try PlaceRow.place(from: row)
                place.admin1Name = nil
                entries.append(GazetteerEntry(place: place, asciiName: row[11], admin2: row[12], sourceKey: row[13],
                                              spellings: spellings[place.id] ?? []))
            }
            return entries
        }
    }
}

extension GazetteerSnapshot {
    /// Runs `load` on a new, empty store in a temporary folder (`$TMPDIR`, else `/tmp`) and
    /// returns its result with the gazetteer it left; the folder is deleted afterwards. This is
    /// how another backend loads gazetteer files with this store's parsers and rules.
    ///
    /// - throws: `StoreError` if the scratch store cannot be made; `load`'s errors.
    public static func loadingInScratchStore<T>(_ load: (SpatialDatabase) throws -> T)
        throws -> (result: T, admin1: [Admin1Record], places: [GazetteerEntry]) {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/atlas-scratch.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw StoreError.invalidValue("cannot create a scratch folder in \(base): \(String(cString: strerror(errno)))")
        }
        let folder = String(cString: made)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SpatialDatabase(path: folder + "/scratch.sqlite", mode: .createIfMissing)
        let result = try load(store)
        return (result, try admin1Records(in: store), try places(in: store))
    }
}
