import GRDB

/// Turns a governorate named by a user into the folded keys an incident's `admin1` text may
/// have (`Idleb`, `Idlib`, `إدلب` …), for `IncidentFilter.admin1Keys`.
public struct Admin1Matcher: Sendable {
    private let database: SpatialDatabase

    /// A matcher over the governorates of `database`.
    public init(database: SpatialDatabase) {
        self.database = database
    }

    /// The governorate `name` designates (any spelling, code or p-code) and the folded keys of
    /// all its names; nil if none matches.
    public func keys(for name: String) throws -> (record: Admin1Record, keys: [String])? {
        try database.read { db in
            guard let record = Admin1Lookup.match(name, in: try Admin1Lookup.all(in: db)) else { return nil }
            let keys = Set(record.allNames.map(NameFolding.key).filter { !$0.isEmpty })
            return (record, keys.sorted())
        }
    }
}
