/// One IncidentAtlas store, whatever keeps it: the seam between the query layer (the CLI, the
/// server) and storage. The SpatiaLite store (`SpatiaLiteBackend` in AtlasStore) is one
/// implementation; nothing above this protocol sees a database type or SQL.
public protocol AtlasBackend: Sendable {
    /// Where the store is, for messages (a path or a URL without its password).
    var location: String { get }
    /// Incident queries and reads.
    var incidents: any IncidentSearching { get }
    /// Place names.
    var gazetteer: any GazetteerResolving { get }
    /// Loaded boundaries.
    var regions: any RegionProviding { get }
    /// Incident writes.
    var writer: any IncidentWriting { get }
}
