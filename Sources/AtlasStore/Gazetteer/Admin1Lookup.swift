import AtlasImport
import AtlasModel
import GRDB

/// Finds a governorate by any of its names or codes.
enum Admin1Lookup {
    /// All admin1 records, by country and code.
    static func all(in db: Database) throws -> [Admin1Record] {
        try Row.fetchAll(db, sql: """
            SELECT country, code, name, ascii_name, name_ar, pcode, geonameid, alternate_names
            FROM admin1 ORDER BY country, code
            """).map { row in
            let alternates: String = row["alternate_names"]
            return Admin1Record(
                country: row["country"], code: row["code"], name: row["name"], asciiName: row["ascii_name"],
                geonameID: row["geonameid"], nameArabic: row["name_ar"], pcode: row["pcode"],
                alternateNames: alternates.split(separator: "|").map(String.init))
        }
    }

    /// The governorate that `text` names: a code (`09`, `SY.09`), a p-code (`SY02`), or a name
    /// in any spelling (compared by folded key; "governorate"/"province" suffixes ignored).
    ///
    /// - throws: `GazetteerError.unknownAdmin1` listing the known names.
    static func resolve(_ text: String, in db: Database) throws -> Admin1Record {
        let records = try all(in: db)
        if let match = match(text, in: records) { return match }
        throw GazetteerError.unknownAdmin1(text, known: records.map(\.name))
    }

    /// The record `text` names among `records`, or nil (see `Admin1Record.matching`).
    static func match(_ text: String, in records: [Admin1Record]) -> Admin1Record? {
        Admin1Record.matching(text, in: records)
    }
}
