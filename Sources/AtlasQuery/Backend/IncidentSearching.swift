import AtlasModel

/// What a storage backend answers about incidents: an `IncidentQuery` carried out, counts, and
/// whole rows. Every backend gives the same answer to the same query (the brute-force oracle
/// tests hold each to it); distances are WGS84 geodesic metres.
public protocol IncidentSearching: Sendable {
    /// The matches of `query` in its order, after its cursor, at most its limit.
    func matches(_ query: IncidentQuery) throws -> [IncidentMatch]

    /// How many incidents `query` matches, whatever its cursor and limit.
    func count(_ query: IncidentQuery) throws -> Int

    /// One page of `query` (its cursor and limit applied) and how many incidents it matches in
    /// all (`numberMatched`), found together: a server answers both for every page.
    func page(_ query: IncidentQuery) throws -> (matches: [IncidentMatch], numberMatched: Int)

    /// Calls `body` with each incident `query` matches and its match, in the query's order,
    /// after its cursor, at most its limit, streaming. `withAttributes: false` may skip decoding
    /// the upstream extra columns.
    func forEachIncident(_ query: IncidentQuery, withAttributes: Bool, _ body: (Incident, IncidentMatch) throws -> Void) throws

    /// Counts and fatalities per group of the incidents `query` matches (cursor and limit not
    /// applied).
    func counts(by grouping: IncidentGrouping, _ query: IncidentQuery) throws -> [IncidentGroupCount]

    /// Calls `body` with each incident of `ids`, in that order (missing ids are skipped).
    func forEachIncident(ids: [Int64], withAttributes: Bool, _ body: (Incident) throws -> Void) throws

    /// Calls `body` with each incident of `sortedIDs` (ascending), in id order; a backend may read
    /// a dense selection by one scan.
    func forEachIncident(sortedIDs: [Int64], withAttributes: Bool, _ body: (Incident) throws -> Void) throws

    /// Calls `body` with the Feature fields of each incident of `sortedIDs` (ascending) in id
    /// order, borrowed for the call, and returns true; or returns false at once when the
    /// backend reads only whole incidents. A page of GeoJSON is then encoded straight from
    /// the stored bytes (`IncidentWriter.encodeFeature`).
    func forEachFeatureFields(sortedIDs: [Int64], _ body: (IncidentFeatureFields) throws -> Void) throws -> Bool

    /// A token that changes whenever any incident is added, removed or moved (for caches and
    /// HTTP `ETag`s).
    func incidentGeneration() throws -> String
}

extension IncidentSearching {
    /// A page and its `numberMatched` by two searches; backends that can find both at once
    /// implement `page` themselves.
    public func page(_ query: IncidentQuery) throws -> (matches: [IncidentMatch], numberMatched: Int) {
        (try matches(query), try count(query))
    }

    /// Every incident `query` matches, in its order (for clustering, which needs them all).
    public func incidents(_ query: IncidentQuery) throws -> [Incident] {
        var all: [Incident] = []
        try forEachIncident(query, withAttributes: true) { incident, _ in all.append(incident) }
        return all
    }

    /// The incident with `id`, or nil.
    public func incident(id: Int64) throws -> Incident? {
        var found: Incident?
        try forEachIncident(ids: [id], withAttributes: true) { found = $0 }
        return found
    }
}
