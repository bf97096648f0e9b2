/// Validates event and sub-event types against ACLED's taxonomy, naming the closest valid one.
enum EventTypeCheck {
    /// The canonical (event type, sub-event type) pair for texts given as full names, short
    /// names or, for the event type, a sub-event type name alone (`shelling`).
    static func resolve(eventType: String, subEventType: String) throws -> (String, String) {
        guard let resolved = EventTaxonomy.resolve(eventType) else {
            throw RowError(field: "event_type", reason: "unknown event type '\(eventType)'; closest valid: '\(EventTaxonomy.closest(to: eventType))'")
        }
        switch resolved {
        case let .subEventType(sub):
            if !subEventType.isEmpty, EventTaxonomy.normalised(subEventType) != EventTaxonomy.normalised(sub.name) {
                throw RowError(field: "sub_event_type", reason: "'\(subEventType)' contradicts event_type '\(eventType)' (\(sub.name))")
            }
            return (sub.eventType, sub.name)
        case let .eventType(name):
            guard !subEventType.isEmpty else { return (name, "") }
            guard case let .subEventType(sub)? = EventTaxonomy.resolve(subEventType) else {
                throw RowError(field: "sub_event_type", reason: "unknown sub-event type '\(subEventType)'; closest valid: '\(EventTaxonomy.closest(to: subEventType))'")
            }
            guard sub.eventType == name else {
                throw RowError(field: "sub_event_type", reason: "'\(sub.name)' belongs to '\(sub.eventType)', not '\(name)'")
            }
            return (name, sub.name)
        }
    }
}

/// `EventTypeCheck.resolve` remembered by (event type, sub-event type) text, for one file on one
/// thread: a file holds a few dozen distinct pairs, and normalising both texts on every row was
/// 6 % of an import's parsing thread. At most `capacity` pairs are kept, so a file of garbage
/// types cannot grow it without bound.
final class EventTypeMemo {
    private struct Pair: Hashable {
        var eventType: String
        var subEventType: String
    }

    private static let capacity = 4_096
    private var known: [Pair: Result<(String, String), RowError>] = [:]

    /// What `EventTypeCheck.resolve(eventType:subEventType:)` answers for these texts.
    func resolve(eventType: String, subEventType: String) throws -> (String, String) {
        let pair = Pair(eventType: eventType, subEventType: subEventType)
        if let answer = known[pair] { return try answer.get() }
        let answer = Result { try EventTypeCheck.resolve(eventType: eventType, subEventType: subEventType) }
            .mapError { $0 as? RowError ?? RowError(field: "event_type", reason: "\($0)") }
        if known.count < Self.capacity { known[pair] = answer }
        return try answer.get()
    }
}
