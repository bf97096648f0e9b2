import AtlasGeo

/// Which incidents a query keeps, besides where they are: plain values, so the query layer
/// stays free of SQL and a second backend can translate the same filter.
///
/// Every text is compared as a bound parameter: an actor named `'); DROP TABLE incident;--`
/// is just a string that matches nothing.
public struct IncidentFilter: Sendable, Equatable {
    /// First day kept (inclusive).
    public var since: ISODate?
    /// Last day kept (inclusive).
    public var until: ISODate?
    /// Kept event types or sub-event types (any of them); empty keeps all.
    public var types: [EventTaxonomy.Resolved] = []
    /// Case-insensitive substring that actor1, actor2 or an associated actor must contain.
    public var actor: String?
    /// Case-insensitive substring that no actor may contain.
    public var notActor: String?
    /// Keep incidents whose geo precision (ACLED scale, 1 best) is at most this.
    public var maxGeoPrecision: Int?
    /// Folded governorate keys (`NameFolding.key`) one of which the incident's admin1 must
    /// have; empty keeps all. Set through `Admin1Matcher`.
    public var admin1Keys: [String] = []
    /// Keep only incidents inside this box (applied through the spatial index).
    public var boundingBox: BoundingBox?
    /// Keep only incidents inside this area (boundary included), through the spatial index.
    public var area: MultiPolygon?
    /// At most this many incidents (after sorting, for sorted queries).
    public var limit: Int?

    /// A filter that keeps everything.
    public init() {}

    /// Resolves type names (`shelling`, `Air/drone strike`, `battles`).
    ///
    /// - throws: `FilterError.unknownType` naming the closest valid type.
    public static func resolveTypes(_ names: [String]) throws -> [EventTaxonomy.Resolved] {
        try names.map { name in
            guard let resolved = EventTaxonomy.resolve(name) else {
                throw FilterError.unknownType(name, closest: EventTaxonomy.closest(to: name))
            }
            return resolved
        }
    }
}

/// A filter value that cannot be used.
public enum FilterError: Error, Sendable, CustomStringConvertible, Equatable {
    /// An event type nobody knows; `closest` is the nearest valid name.
    case unknownType(String, closest: String)
    /// A date that is not `YYYY-MM-DD` or does not exist.
    case badDate(String)
    /// Since is after until.
    case emptyDateRange(since: String, until: String)

    public var description: String {
        switch self {
        case let .unknownType(name, closest): return "unknown event type '\(name)'; did you mean '\(closest)'?"
        case let .badDate(text): return "'\(text)' is not a date of the form YYYY-MM-DD"
        case let .emptyDateRange(since, until): return "--since \(since) is after --until \(until)"
        }
    }
}
