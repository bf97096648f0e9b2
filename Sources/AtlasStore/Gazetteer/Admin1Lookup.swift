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

    /// The record `text` names among `records`, or nil.
    static func match(_ text: String, in records: [Admin1Record]) -> Admin1Record? {
        let trimmed = text.trimmingASCIISpaces()
        for record in records {
            if trimmed == record.code || trimmed.uppercased() == "\(record.country).\(record.code)"
                || trimmed.uppercased() == record.pcode?.uppercased() {
                return record
            }
        }
        let key = stripDivisionWords(NameFolding.key(trimmed))
        guard !key.isEmpty else { return nil }
        return records.first { record in
            record.allNames.contains { stripDivisionWords(NameFolding.key($0)) == key }
        }
    }

    /// Drops "governorate", "province", "countryside" words so "Aleppo Governorate" meets "Aleppo".
    private static func stripDivisionWords(_ key: String) -> String {
        let ignored: Set<Substring> = ["governorate", "guvernorat", "province", "muhafazat", "muhafaza", "countrisid", "kuntrisid"]
            .reduce(into: Set<Substring>()) { set, word in set.insert(Substring(NameFolding.key(word))) }
        return key.split(separator: " ").filter { !ignored.contains($0) }.joined(separator: " ")
    }
}
