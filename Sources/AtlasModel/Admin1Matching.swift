extension Admin1Record {
    /// The record `text` names among `records`, or nil: a code (`09`, `SY.09`), a p-code
    /// (`SY02`), or a name in any spelling (compared by folded key; "governorate"/"province"
    /// words ignored). Every backend resolves governorates through this one rule.
    public static func matching(_ text: String, in records: [Admin1Record]) -> Admin1Record? {
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

    /// The folded keys of all the division's names, sorted: the `IncidentFilter.admin1Keys` an
    /// incident's admin1 text may have for it.
    public var foldedKeys: [String] {
        Set(allNames.map(NameFolding.key).filter { !$0.isEmpty }).sorted()
    }

    /// Drops "governorate", "province", "countryside" words so "Aleppo Governorate" meets "Aleppo".
    private static func stripDivisionWords(_ key: String) -> String {
        let ignored: Set<Substring> = ["governorate", "guvernorat", "province", "muhafazat", "muhafaza", "countrisid", "kuntrisid"]
            .reduce(into: Set<Substring>()) { set, word in set.insert(Substring(NameFolding.key(word))) }
        return key.split(separator: " ").filter { !ignored.contains($0) }.joined(separator: " ")
    }
}
