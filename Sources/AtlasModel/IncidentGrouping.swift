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

    /// Time groupings list in time order; the others by count, largest first.
    public var ordersByKey: Bool { self == .day || self == .week || self == .month }
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
