/// What happened in a cluster, from its members' `ClusterMemberAttributes`.
public struct ClusterAttributeSummary: Hashable, Sendable {
    /// Total reported fatalities over the members, people (saturates at `Int.max`).
    public var fatalities: Int
    /// The earliest member event date as stored (ISO 8601, compared as text); nil if no
    /// member has a date.
    public var firstEventDate: String?
    /// The latest member event date as stored (ISO 8601, compared as text); nil if no member
    /// has a date.
    public var lastEventDate: String?
    /// At most 3 locations, most frequent first, ties alphabetical.
    public var topLocations: [RankedValue]
    /// At most 3 event types, most frequent first, ties alphabetical.
    public var topEventTypes: [RankedValue]
    /// Every distinct actor, by the number of member incidents naming it (highest first),
    /// ties alphabetical.
    public var actors: [RankedValue]

    /// Creates a summary; `ClusterSummaryBuilder` builds these.
    public init(
        fatalities: Int, firstEventDate: String?, lastEventDate: String?,
        topLocations: [RankedValue], topEventTypes: [RankedValue], actors: [RankedValue]
    ) {
        self.fatalities = fatalities
        self.firstEventDate = firstEventDate
        self.lastEventDate = lastEventDate
        self.topLocations = topLocations
        self.topEventTypes = topEventTypes
        self.actors = actors
    }
}
