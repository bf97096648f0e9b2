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
