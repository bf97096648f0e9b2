/// A text value and how many incidents of a cluster carry it: one line of a "top locations"
/// or "actors" list.
public struct RankedValue: Hashable, Sendable {
    /// The value (a location, an event type, an actor).
    public var value: String
    /// The number of member incidents with this value.
    public var count: Int

    /// Creates a ranked value.
    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }

    /// Counts `values` (empty strings skipped) and orders them by count, highest first, ties
    /// alphabetically; keeps the first `limit` if given.
    public static func rank<S: Sequence>(_ values: S, limit: Int? = nil) -> [RankedValue] where S.Element == String {
        var counts: [String: Int] = [:]
        for value in values where !value.isEmpty { counts[value, default: 0] += 1 }
        let ranked = counts
            .map { RankedValue(value: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        guard let limit else { return ranked }
        return Array(ranked.prefix(max(0, limit)))
    }
}
