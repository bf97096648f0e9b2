import AtlasGeo
import AtlasModel
import AtlasQuery
import Dispatch

/// Carries out an `IncidentQuery` on the SpatiaLite store: the one place where the query's
/// parts are combined, so `near`, `nearest`, `within`, `export`, `stats`, `clusters` and the
/// server give the same answer to the same question.
///
/// A spatial query never scans: its candidates come from the smallest box any of its spatial
/// parts implies (the radius's box, the bounding box, each area's box), through the packed
/// point index when the filter asks nothing but positions, else through the R*Tree with the
/// filter in SQL. Every spatial part is then applied exactly to each candidate (geodesic
/// distance, box, point in polygon), the answer is ordered, and only then are the cursor and
/// the limit applied.
public struct IncidentSearch: IncidentSearching {
    private let reader: IncidentReader
    private let database: SpatialDatabase

    /// A search over `database`.
    public init(database: SpatialDatabase) {
        self.database = database
        reader = IncidentReader(database: database)
    }

    public func forEachIncident(ids: [Int64], withAttributes: Bool, _ body: (Incident) throws -> Void) throws {
        try reader.forEachIncident(ids: ids, withAttributes: withAttributes, body)
    }

    public func forEachIncident(sortedIDs: [Int64], withAttributes: Bool, _ body: (Incident) throws -> Void) throws {
        try reader.forEachIncident(sortedIDs: sortedIDs, withAttributes: withAttributes, body)
    }

    /// The store id and the incident generation token (`SidecarStamp`), as text.
    public func incidentGeneration() throws -> String {
        let stamp = try database.read { db in try SidecarStamp.incidents(in: db) }
        return "\(stamp.storeID)-\(stamp.generation)"
    }

    /// The matches of `query` in its order, after its cursor, at most its limit.
    ///
    /// - throws: `QueryError` for a query whose parts do not fit, or a store error.
    public func matches(_ query: IncidentQuery) throws -> [IncidentMatch] {
        try query.validate()
        if !query.isSpatial {
            // Id order without spatial parts: the cursor and the limit go into the SQL.
            return try reader.positions(matching: query.filter, afterID: query.after?.id, limit: query.limit)
                .map { IncidentMatch(id: $0.id, coordinate: $0.coordinate) }
        }
        return Self.paged(try allMatches(query), query)
    }

    /// `all` (ordered) after the query's cursor, at most its limit.
    private static func paged(_ all: [IncidentMatch], _ query: IncidentQuery) -> [IncidentMatch] {
        var page = all[...]
        if let after = query.after {
            let order = query.effectiveOrder
            page = page[(page.firstIndex { precedes(after, $0, order: order) } ?? page.endIndex)...]
        }
        return Array(page.prefix(query.limit ?? .max))
    }

    public func page(_ query: IncidentQuery) throws -> (matches: [IncidentMatch], numberMatched: Int) {
        try query.validate()
        guard query.isSpatial else { return (try matches(query), try reader.count(matching: query.filter)) }
        let all = try allMatches(query)
        return (Self.paged(all, query), all.count)
    }

    /// How many incidents `query` matches, whatever its cursor and limit (`numberMatched`).
    public func count(_ query: IncidentQuery) throws -> Int {
        try query.validate()
        guard query.isSpatial else { return try reader.count(matching: query.filter) }
        var unpaged = query
        unpaged.after = nil
        unpaged.limit = nil
        return try allMatches(unpaged).count
    }

    /// Calls `body` with every incident `query` matches and its match, in the query's order,
    /// after its cursor, at most its limit. A query without spatial parts in id order streams
    /// from one SQL statement in constant memory; the others read their matches' rows by id.
    ///
    /// - parameter withAttributes: decode the upstream extra columns (only ACLED output needs them).
    public func forEachIncident(_ query: IncidentQuery, withAttributes: Bool = true,
                                _ body: (Incident, IncidentMatch) throws -> Void) throws {
        try query.validate()
        if !query.isSpatial && query.effectiveOrder == .id {
            return try reader.forEachIncident(matching: query.filter, afterID: query.after?.id, limit: query.limit,
                                              withAttributes: withAttributes) { incident in
                try body(incident, IncidentMatch(id: incident.id ?? 0, coordinate: incident.coordinate))
            }
        }
        let found = try matches(query)
        var index = 0
        try reader.forEachIncident(ids: found.map(\.id), withAttributes: withAttributes) { incident in
            while index < found.count && found[index].id != incident.id { index += 1 }
            guard index < found.count else { return }
            try body(incident, found[index])
        }
    }

    /// Counts and fatalities per group of the incidents `query` matches (its cursor and limit
    /// are not applied: a group count covers the whole selection).
    public func counts(by grouping: IncidentGrouping, _ query: IncidentQuery) throws -> [IncidentGroupCount] {
        try query.validate()
        var unpaged = query
        unpaged.after = nil
        unpaged.limit = nil
        let ids = query.isSpatial ? try allMatches(unpaged).map(\.id).sorted() : nil
        return try reader.counts(by: grouping, filter: query.filter, ids: ids)
    }

    // MARK: - Carrying out the spatial parts

    /// Every match of a spatial query, ordered, before cursor and limit.
    private func allMatches(_ query: IncidentQuery) throws -> [IncidentMatch] {
        var found: [IncidentMatch]
        if let count = query.nearestCount, let center = query.center {
            found = try nearest(count, to: center, query)
        } else {
            found = try within(query, radius: query.radiusMeters)
        }
        let order = query.effectiveOrder
        found.sort { Self.orders($0, before: $1, order: order) }
        return found
    }

    /// The matches of `query`'s box, areas and filter within `radius` of its centre (every
    /// distance, for a centre without a radius), unordered.
    private func within(_ query: IncidentQuery, radius: Double?) throws -> [IncidentMatch] {
        let candidates = try reader.positions(in: searchBox(query, radius: radius), filter: query.filter)
        let kept = candidates.filter { candidate in
            (query.boundingBox?.contains(candidate.coordinate) ?? true) && query.areas.allSatisfy { $0.covers(candidate.coordinate) }
        }
        guard let center = query.center else {
            return kept.map { IncidentMatch(id: $0.id, coordinate: $0.coordinate) }
        }
        let test = RadiusTest(center: center, radiusMeters: radius ?? Self.farthest)
        let distances = Self.distances(of: kept.map(\.coordinate), test: test)
        var found: [IncidentMatch] = []
        found.reserveCapacity(kept.count)
        for (candidate, distance) in zip(kept, distances) where distance >= 0 {
            found.append(IncidentMatch(id: candidate.id, coordinate: candidate.coordinate, distanceMeters: distance))
        }
        return found
    }

    /// The smallest of the boxes the query's spatial parts imply: every match lies in each.
    private func searchBox(_ query: IncidentQuery, radius: Double?) -> BoundingBox {
        var boxes: [BoundingBox] = query.areas.map(\.boundingBox)
        if let box = query.boundingBox { boxes.append(box) }
        if let center = query.center, let radius { boxes.append(BoundingBox.around(center, radiusMeters: radius)) }
        return boxes.min { Self.degreeArea($0) < Self.degreeArea($1) } ?? Self.world
    }

    /// The `count` matches nearest to `center` (geodesic), within the query's radius if it has
    /// one.
    ///
    /// Exact and index-driven, in two steps. First, boxes of growing size (100 m, ×4 each time,
    /// up to the query's radius) are searched with the cheap spherical distance until one holds
    /// `count` matches within 99 % of its radius; the `count`-th smallest spherical distance `s`
    /// then bounds the answer: the ellipsoidal distance is within 0.6 % of the spherical one
    /// (see `RadiusTest`), so those `count` matches all lie within 1.01 `s` on WGS84, and no
    /// match farther than that can be among the nearest. Second, one exact radius search of
    /// 1.01 `s` (or the query's radius, if smaller) gives the answer.
    private func nearest(_ count: Int, to center: Coordinate, _ query: IncidentQuery) throws -> [IncidentMatch] {
        let cap = min(query.radiusMeters ?? Self.farthest, Self.farthest)
        var radius = min(100.0, cap)
        while true {
            let candidates = try reader.positions(in: searchBox(query, radius: radius), filter: query.filter).filter { candidate in
                (query.boundingBox?.contains(candidate.coordinate) ?? true) && query.areas.allSatisfy { $0.covers(candidate.coordinate) }
            }
            var spherical = candidates.map { Haversine.distanceMeters(from: center, to: $0.coordinate) }
            if radius < Self.farthest { spherical.removeAll { $0 > radius * 0.99 } }
            if spherical.count >= count || radius >= cap {
                var bound = cap
                if spherical.count >= count {
                    spherical.sort()
                    bound = min(spherical[count - 1] * 1.01 + 1e-6, cap)
                }
                var found = try within(query, radius: bound)
                found.sort { Self.orders($0, before: $1, order: .distance) }
                if found.count > count { found.removeSubrange(count...) }
                return found
            }
            radius = min(radius * 4, cap)
        }
    }

    // MARK: - Order

    /// True if `a` comes before `b` in `order` (distance ties, and id order, by id).
    private static func orders(_ a: IncidentMatch, before b: IncidentMatch, order: IncidentOrder) -> Bool {
        isBefore((a.distanceMeters, a.id), (b.distanceMeters, b.id), order: order)
    }

    /// True if the match at `cursor` comes before `match` (so `match` is on a later page).
    private static func precedes(_ cursor: IncidentCursor, _ match: IncidentMatch, order: IncidentOrder) -> Bool {
        isBefore((cursor.distanceMeters, cursor.id), (match.distanceMeters, match.id), order: order)
    }

    /// The answer's order on (distance, id) positions.
    private static func isBefore(_ a: (distance: Double?, id: Int64), _ b: (distance: Double?, id: Int64), order: IncidentOrder) -> Bool {
        if order == .distance, let da = a.distance, let db = b.distance, da != db { return da < db }
        return a.id < b.id
    }

    // MARK: - Geometry helpers

    /// More than half the meridian: a radius that reaches every point on Earth.
    static let farthest = 20_100_000.0

    private static let world = BoundingBox(west: -180, south: -90, east: 180, north: 90)

    /// A box's size in square degrees (longitude span across the antimeridian when it wraps).
    private static func degreeArea(_ box: BoundingBox) -> Double {
        let width = box.crossesAntimeridian ? 360 - (box.west - box.east) : box.east - box.west
        return width * (box.north - box.south)
    }

    /// The exact distance of each point within the test's radius, −1 for the others, computed on
    /// all cores in chunks (each distance is independent; the ellipsoidal solution is the cost).
    private static func distances(of points: [Coordinate], test: RadiusTest) -> [Double] {
        var result = [Double](repeating: -1, count: points.count)
        let chunk = 4096
        let chunks = (points.count + chunk - 1) / chunk
        guard chunks > 1 else {
            for (index, point) in points.enumerated() { result[index] = test.distanceIfWithin(point) ?? -1 }
            return result
        }
        result.withUnsafeMutableBufferPointer { output in
            points.withUnsafeBufferPointer { input in
                // Each chunk writes only its own slots: no two threads touch the same element.
                nonisolated(unsafe) let output = output
                nonisolated(unsafe) let input = input
                DispatchQueue.concurrentPerform(iterations: chunks) { number in
                    for index in (number * chunk)..<min((number + 1) * chunk, input.count) {
                        output[index] = test.distanceIfWithin(input[index]) ?? -1
                    }
                }
            }
        }
        return result
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
