/// What `atlas stats --by` groups incidents by.
public enum IncidentGrouping: String, Sendable, CaseIterable {
    /// The location text.
    case place
    /// The governorate text.
    case admin1
    /// The event date.
    case day
    /// The ISO week, named by its Monday.
    case week
    /// `YYYY-MM`.
    case month
    /// Event type / sub-event type.
    case type
    /// actor1.
    case actor

    /// The SQL expression of the group key over `incident i`: a constant of this enum.
    var keyExpression: String {
        switch self {
        case .place: return "CASE WHEN i.location <> '' THEN i.location ELSE '(no location)' END"
        case .admin1: return "CASE WHEN i.admin1 <> '' THEN i.admin1 ELSE '(no admin1)' END"
        case .day: return "i.event_date"
        case .week: return "date(i.event_date, '-' || ((CAST(strftime('%w', i.event_date) AS INTEGER) + 6) % 7) || ' days')"
        case .month: return "substr(i.event_date, 1, 7)"
        case .type: return "CASE WHEN i.sub_event_type <> '' THEN i.event_type || ' / ' || i.sub_event_type ELSE i.event_type END"
        case .actor: return "CASE WHEN i.actor1 <> '' THEN i.actor1 ELSE '(no actor)' END"
        }
    }

    /// Time groupings list in time order; the others by count, largest first.
    var ordersByKey: Bool { self == .day || self == .week || self == .month }
}

/// One group of `atlas stats`: its key, how many incidents, how many deaths.
public struct IncidentGroupCount: Sendable, Equatable {
    /// The group's key (a date, a name, a type).
    public var key: String
    /// Incidents in the group.
    public var count: Int
    /// Sum of their fatalities.
    public var fatalities: Int

    /// Creates a group count.
    public init(key: String, count: Int, fatalities: Int) {
        self.key = key
        self.count = count
        self.fatalities = fatalities
    }
}
