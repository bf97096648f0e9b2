import AtlasModel

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
    ///
    /// A spelling met again (GeoNames often lists the main name among the alternates) is left
    /// out before it is folded: the store keeps each spelling of a place once anyway.
    var foldedNames: [FoldedName] {
        var names: [FoldedName] = []
        names.reserveCapacity(alternateNames.count + 2)
        func add(_ spelling: String, language: String, isPreferred: Bool) {
            let trimmed = spelling.trimmingASCIISpaces()
            guard !names.contains(where: { $0.name == trimmed }),
                  let folded = FoldedName(trimmed, language: language, isPreferred: isPreferred) else { return }
            names.append(folded)
        }
        add(name, language: "", isPreferred: true)
        if asciiName != name { add(asciiName, language: "", isPreferred: false) }
        for alternate in alternateNames { add(alternate.name, language: alternate.language, isPreferred: alternate.isPreferred) }
        return names
    }
}
