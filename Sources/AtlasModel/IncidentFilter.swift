import AtlasGeo

/// Which incidents a query keeps by what they are and when, not where (that is
/// `IncidentQuery`'s part): plain values, so a second backend can translate the same filter.
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
    /// Case-insensitive substring the incident's source must contain.
    public var source: String?
    /// Keep incidents whose geo precision (ACLED scale, 1 best) is at most this.
    public var maxGeoPrecision: Int?
    /// Folded governorate keys (`NameFolding.key`) one of which the incident's admin1 must
    /// have; empty keeps all. Set through `Admin1Matcher`.
    public var admin1Keys: [String] = []

    /// A filter that keeps everything.
    public init() {}

    /// True when the filter keeps every incident.
    public var keepsEverything: Bool {
        since == nil && until == nil && types.isEmpty && (actor ?? "").isEmpty && (notActor ?? "").isEmpty
            && (source ?? "").isEmpty && maxGeoPrecision == nil && admin1Keys.isEmpty
    }

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
