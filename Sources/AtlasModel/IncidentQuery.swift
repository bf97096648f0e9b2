import AtlasGeo

/// Everything a question about incidents can say, as one value: where, when, what, how many,
/// from where on, and in which order. The CLI and the server only build it; `IncidentSearch`
/// carries it out the same way for every caller.
///
/// Every constraint narrows: an incident is in the answer only if it passes all of them
/// (radius, nearest, box, each area, and `filter`). Distances are WGS84 geodesic, in metres;
/// positions are degrees.
///
/// For example, the ten shelling incidents nearest to Aleppo within 15 km and inside a box:
///
/// ```swift
/// var query = IncidentQuery()
/// query.center = Coordinate(latitude: 36.20124, longitude: 37.16117)
/// query.radiusMeters = 15_000
/// query.nearestCount = 10
/// query.boundingBox = BoundingBox(west: 37.1, south: 36.22, east: 37.2, north: 36.3)
/// query.filter.types = try IncidentFilter.resolveTypes(["shelling"])
/// let matches = try IncidentSearch(database: store).matches(query)
/// ```
public struct IncidentQuery: Sendable, Equatable {
    /// The point distances are measured from (`distanceMeters` of each match). Needed by
    /// `radiusMeters`, `nearestCount` and `.distance` order.
    public var center: Coordinate?
    /// Keep incidents within this WGS84 geodesic distance of `center`, in metres (inclusive).
    public var radiusMeters: Double?
    /// Keep the `nearestCount` incidents nearest to `center` among those passing everything
    /// else (ties by id).
    public var nearestCount: Int?
    /// Keep incidents inside this box (edges included; west > east crosses the antimeridian).
    public var boundingBox: BoundingBox?
    /// Keep incidents inside every one of these areas (boundaries included).
    public var areas: [MultiPolygon] = []
    /// When and what: dates, types, actors, precision, governorates.
    public var filter = IncidentFilter()
    /// At most this many matches (after the cursor): the first ones, or with `before` the last
    /// ones.
    public var limit: Int?
    /// Only the matches after this one in the answer's order (paging forwards).
    public var after: IncidentCursor?
    /// Only the matches before this one in the answer's order (paging backwards); `limit` then
    /// keeps the last matches before it, so a page starting at `c` is preceded by the page of
    /// `before = c`. The answer stays in the answer's order.
    public var before: IncidentCursor?
    /// The answer's order; nil means nearest first when there is a `center`, else by id.
    public var order: IncidentOrder?

    /// A query that keeps every incident, in id order.
    public init() {}

    /// The order the answer comes in.
    public var effectiveOrder: IncidentOrder { order ?? (center == nil ? .id : .distance) }

    /// True when the query constrains positions (so candidates come from a spatial index).
    public var isSpatial: Bool {
        center != nil || boundingBox != nil || !areas.isEmpty
    }

    /// Checks that the parts fit together.
    ///
    /// - throws: `QueryError` naming the parameter that is wrong.
    public func validate() throws {
        if center == nil {
            if radiusMeters != nil { throw QueryError.needsCenter("a radius") }
            if nearestCount != nil { throw QueryError.needsCenter("nearest") }
            if order == .distance { throw QueryError.needsCenter("distance order") }
        }
        if let center, !((-90...90).contains(center.latitude) && (-180...180).contains(center.longitude)) {
            throw QueryError.invalid("center", "\(center.latitude),\(center.longitude) is not a latitude,longitude in range")
        }
        if let radiusMeters, !(radiusMeters.isFinite && radiusMeters > 0) {
            throw QueryError.invalid("radius", "must be a positive number of metres, got \(radiusMeters)")
        }
        if let nearestCount, nearestCount < 1 { throw QueryError.invalid("nearest", "must be at least 1, got \(nearestCount)") }
        if let limit, limit < 1 { throw QueryError.invalid("limit", "must be at least 1, got \(limit)") }
        for (name, cursor) in [("after", after), ("before", before)] {
            if let cursor, effectiveOrder == .distance, cursor.distanceMeters == nil {
                throw QueryError.invalid(name, "cursor '\(cursor)' is of an id-ordered answer, not a distance-ordered one")
            }
        }
        if let since = filter.since, let until = filter.until, since > until {
            throw FilterError.emptyDateRange(since: since.description, until: until.description)
        }
    }
}

/// The order of a query's answer.
public enum IncidentOrder: String, Sendable, Equatable {
    /// By incident id, ascending.
    case id
    /// By distance from the query's centre, nearest first, ties by id.
    case distance
}

/// A position in a query's answer: the last match a page ended on. Its text form is stable
/// (`id`, or `distance@id` for distance order, the distance in metres) so it can travel in a
/// URL.
public struct IncidentCursor: Sendable, Equatable, CustomStringConvertible, LosslessStringConvertible {
    /// The incident id of the match.
    public var id: Int64
    /// Its distance from the centre in metres, for distance-ordered answers.
    public var distanceMeters: Double?

    /// A cursor after `id` (at `distanceMeters` for distance order).
    public init(id: Int64, distanceMeters: Double? = nil) {
        self.id = id
        self.distanceMeters = distanceMeters
    }

    /// The cursor at `match`: `after` it reads on past it, `before` it reads back from it.
    public init(after match: IncidentMatch) {
        self.init(id: match.id, distanceMeters: match.distanceMeters)
    }

    /// Parses the text form; nil if it is not one.
    public init?(_ text: String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let id = Int64(parts[0]) else { return nil }
            self.init(id: id)
        case 2:
            guard let distance = Double(parts[0]), distance.isFinite, distance >= 0, let id = Int64(parts[1]) else { return nil }
            self.init(id: id, distanceMeters: distance)
        default:
            return nil
        }
    }

    public var description: String {
        distanceMeters.map { "\($0)@\(id)" } ?? "\(id)"
    }
}

/// One incident of a query's answer: its id, its position, and its distance from the query's
/// centre when there is one.
public struct IncidentMatch: Sendable, Equatable {
    /// Incident id.
    public var id: Int64
    /// The incident's position, degrees, as stored.
    public var coordinate: Coordinate
    /// WGS84 geodesic distance from the query's centre in metres (nil without a centre).
    public var distanceMeters: Double?

    /// Creates a match.
    public init(id: Int64, coordinate: Coordinate, distanceMeters: Double? = nil) {
        self.id = id
        self.coordinate = coordinate
        self.distanceMeters = distanceMeters
    }
}

/// A query whose parts do not fit together.
public enum QueryError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A radius, nearest or distance order without a centre.
    case needsCenter(String)
    /// A parameter with a value it cannot take: (parameter, what is wrong).
    case invalid(String, String)

    public var description: String {
        switch self {
        case let .needsCenter(what): return "\(what) needs a centre (a place or a position)"
        case let .invalid(parameter, problem): return "\(parameter): \(problem)"
        }
    }
}

extension IncidentQuery {
    /// Incidents within `meters` (WGS84 geodesic) of `center`, nearest first.
    public static func within(_ meters: Double, of center: Coordinate, filter: IncidentFilter = IncidentFilter()) -> IncidentQuery {
        var query = IncidentQuery()
        query.center = center
        query.radiusMeters = meters
        query.filter = filter
        return query
    }

    /// The `count` incidents nearest to `center`, nearest first.
    public static func nearest(_ count: Int, to center: Coordinate, filter: IncidentFilter = IncidentFilter()) -> IncidentQuery {
        var query = IncidentQuery()
        query.center = center
        query.nearestCount = count
        query.filter = filter
        return query
    }
}
