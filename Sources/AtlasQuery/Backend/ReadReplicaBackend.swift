/// A store whose reads go to a replica and whose writes go to the primary: a PostgreSQL hot
/// standby streaming from the primary serves every query, the primary only the writes.
///
/// For example:
///
/// ```swift
/// let backend = ReadReplicaBackend(primary: try PostGISBackend(url: primaryURL),
///                                  replica: try PostGISBackend(url: standbyURL))
/// _ = try backend.writer.importFile("batch.csv", options: ImportOptions())  // on the primary
/// let near = try backend.incidents.matches(query)                           // on the standby
/// ```
///
/// Reads see the primary's writes once the standby has replayed them (asynchronous
/// replication: usually milliseconds), so a write followed at once by a read may not see
/// itself. What a write answers (ids, counts) comes from the primary.
public struct ReadReplicaBackend: AtlasBackend {
    /// Where writes go.
    public let primary: any AtlasBackend
    /// Where reads go.
    public let replica: any AtlasBackend

    /// Reads from `replica`, writes to `primary`.
    public init(primary: any AtlasBackend, replica: any AtlasBackend) {
        self.primary = primary
        self.replica = replica
    }

    /// Both stores (URLs without their passwords).
    public var location: String { "\(primary.location) (reads from \(replica.location))" }
    /// The replica's incidents.
    public var incidents: any IncidentSearching { replica.incidents }
    /// The replica's gazetteer.
    public var gazetteer: any GazetteerResolving { replica.gazetteer }
    /// The replica's regions.
    public var regions: any RegionProviding { replica.regions }
    /// The primary's writer.
    public var writer: any IncidentWriting { primary.writer }
}
