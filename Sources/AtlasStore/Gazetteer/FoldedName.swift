/// One spelling of a place ready to store: trimmed, with its folded key and its skeleton
/// (see `NameFolding`). Folding is most of a gazetteer load's Swift work, so bulk loads do it
/// on the parsing thread and hand the results to the writer.
struct FoldedName: Sendable, Equatable {
    /// The spelling, trimmed of ASCII spaces.
    let name: String
    /// `NameFolding.key` of the spelling (never empty).
    let key: String
    /// `NameFolding.skeleton(ofKey:)` of the key.
    let skeleton: String
    /// ISO language code, or "" when unknown.
    let language: String
    /// Whether the source marks this spelling as preferred.
    let isPreferred: Bool

    /// Folds `name`; nil when it has no letters or digits to fold (nothing to search by).
    init?(_ name: String, language: String, isPreferred: Bool) {
        let trimmed = name.trimmingASCIISpaces()
        let key = NameFolding.key(trimmed)
        guard !key.isEmpty else { return nil }
        self.name = trimmed
        self.key = key
        self.skeleton = NameFolding.skeleton(ofKey: key)
        self.language = language
        self.isPreferred = isPreferred
    }
}

extension PlaceRecord {
    /// Every spelling of the record, folded: the name (preferred), the ASCII name when it
    /// differs, then the alternate names.
    var foldedNames: [FoldedName] {
        var names: [FoldedName?] = [FoldedName(name, language: "", isPreferred: true)]
        if asciiName != name { names.append(FoldedName(asciiName, language: "", isPreferred: false)) }
        for alternate in alternateNames {
            names.append(FoldedName(alternate.name, language: alternate.language, isPreferred: alternate.isPreferred))
        }
        return names.compactMap { $0 }
    }
}
