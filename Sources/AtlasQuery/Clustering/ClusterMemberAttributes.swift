/// What the store knows about one incident beyond place and day, supplied alongside the
/// clustered points (same order) so that cluster summaries can say what happened there.
public struct ClusterMemberAttributes: Hashable, Sendable {
    /// The event date as stored, ISO 8601 (`YYYY-MM-DD`), so that text order is date order.
    public var eventDate: String
    /// Reported fatalities, people (0 when none or unknown).
    public var fatalities: Int
    /// The named place, if any (village, neighbourhood).
    public var location: String?
    /// The event type, if any (for example `Explosions/Remote violence`).
    public var eventType: String?
    /// The actors involved, any number (empty strings are ignored).
    public var actors: [String]

    /// Creates the attributes of one incident.
    public init(eventDate: String, fatalities: Int, location: String? = nil, eventType: String? = nil, actors: [String] = []) {
        self.eventDate = eventDate
        self.fatalities = fatalities
        self.location = location
        self.eventType = eventType
        self.actors = actors
    }
}
