import AtlasModel

/// Validates event and sub-event types against ACLED's taxonomy, naming the closest valid one.
package enum EventTypeCheck {
    /// The canonical (event type, sub-event type) pair for texts given as full names, short
    /// names or, for the event type, a sub-event type name alone (`shelling`).
    package static func resolve(eventType: String, subEventType: String) throws -> (String, String) {
        guard let resolved = EventTaxonomy.resolve(eventType) else {
            throw RowError(field: "event_type", reason: "unknown event type '\(InputExcerpt.of(eventType))'; closest valid: '\(EventTaxonomy.closest(to: eventType))'")
        }
        switch resolved {
        case let .subEventType(sub):
            if !subEventType.isEmpty, EventTaxonomy.normalised(subEventType) != EventTaxonomy.normalised(sub.name) {
                throw RowError(field: "sub_event_type", reason: "'\(InputExcerpt.of(subEventType))' contradicts event_type '\(InputExcerpt.of(eventType))' (\(sub.name))")
            }
            return (sub.eventType, sub.name)
        case let .eventType(name):
            guard !subEventType.isEmpty else { return (name, "") }
            guard case let .subEventType(sub)? = EventTaxonomy.resolve(subEventType) else {
                throw RowError(field: "sub_event_type", reason: "unknown sub-event type '\(InputExcerpt.of(subEventType))'; closest valid: '\(EventTaxonomy.closest(to: subEventType))'")
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
package final class EventTypeMemo {
    private struct Pair: Hashable {
        var eventType: String
        var subEventType: String
    }

    private static let capacity = 4_096
    private var known: [Pair: Result<(String, String), RowError>] = [:]

    /// What `EventTypeCheck.resolve(eventType:subEventType:)` answers for these texts.
    package func resolve(eventType: String, subEventType: String) throws -> (String, String) {
        let pair = Pair(eventType: eventType, subEventType: subEventType)
        if let answer = known[pair] { return try answer.get() }
        let answer = Result { try EventTypeCheck.resolve(eventType: eventType, subEventType: subEventType) }
            .mapError { $0 as? RowError ?? RowError(field: "event_type", reason: "\($0)") }
        if known.count < Self.capacity { known[pair] = answer }
        return try answer.get()
    }

    /// Answers by bytes, already seen (event type, sub-event type) byte pairs found without
    /// making a `String` of either (the long taxonomy names would cost two allocations a row).
    private var knownBytes: [Int: [(eventType: [UInt8], subEventType: [UInt8], answer: Result<(String, String), RowError>)]] = [:]
    private var knownBytesCount = 0

    /// What `resolve(eventType:subEventType:)` answers for these UTF-8 texts.
    package func resolve(eventType: ArraySlice<UInt8>, subEventType: ArraySlice<UInt8>) throws -> (String, String) {
        var hasher = Hasher()
        eventType.withUnsafeBytes { hasher.combine(bytes: $0) }
        hasher.combine(0xFF as UInt8)
        subEventType.withUnsafeBytes { hasher.combine(bytes: $0) }
        let hash = hasher.finalize()
        if let entries = knownBytes[hash] {
            for entry in entries where entry.eventType.elementsEqual(eventType) && entry.subEventType.elementsEqual(subEventType) {
                return try entry.answer.get()
            }
        }
        let answer = Result {
            try resolve(eventType: String(decoding: eventType, as: UTF8.self), subEventType: String(decoding: subEventType, as: UTF8.self))
        }.mapError { $0 as? RowError ?? RowError(field: "event_type", reason: "\($0)") }
        if knownBytesCount < Self.capacity {
            knownBytes[hash, default: []].append((Array(eventType), Array(subEventType), answer))
            knownBytesCount += 1
        }
        return try answer.get()
    }
}
