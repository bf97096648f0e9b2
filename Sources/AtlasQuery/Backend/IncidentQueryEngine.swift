import AtlasGeo
import AtlasModel
import Dispatch

/// Carries out an `IncidentQuery` over any backend's `IncidentSource`: the one place where a
/// query's parts are combined, so every command, the server and every backend give the same
/// answer to the same question.
///
/// A query without spatial parts in id order goes to the backend whole (filter, cursor and limit
/// in its SQL). Otherwise the backend's indexes give candidates for a `SpatialPrefilter` (a circle
/// around the centre, the query's box, each area's box); every spatial part is then applied
/// exactly to each candidate (WGS84 geodesic distance through `RadiusTest`, box, point in
/// polygon), the answer is ordered (distance, then id), and only then do the cursor and the limit
/// apply. A page with a limit and its count take one pass over the candidates that keeps only
/// the page (`streamedPage`, in IncidentQueryEngine+Page.swift).
public struct IncidentQueryEngine<Source: IncidentSource>: IncidentSearching {
    /// The backend's side.
    public let source: Source

    /// An engine over `source`.
    public init(source: Source) {
        self.source = source
    }

    public func matches(_ query: IncidentQuery) throws -> [IncidentMatch] {
        try query.validate()
        if !query.isSpatial {
            let positions = try query.before.map {
                try source.positions(filter: query.filter, afterID: query.after?.id, beforeID: $0.id, limit: query.limit)
            } ?? source.positions(filter: query.filter, afterID: query.after?.id, limit: query.limit)
            return positions.map { IncidentMatch(id: $0.id, coordinate: $0.coordinate) }
        }
        if Self.pagesByStreaming(query), let limit = query.limit { return try streamedPage(query, limit: limit).matches }
        let (found, keys) = try ordered(query)
        return Self.paged(keys, query).map(found.match)
    }

    public func page(_ query: IncidentQuery) throws -> (matches: [IncidentMatch], numberMatched: Int) {
        try query.validate()
        guard query.isSpatial else { return (try matches(query), try source.count(filter: query.filter)) }
        if Self.pagesByStreaming(query), let limit = query.limit { return try streamedPage(query, limit: limit) }
        let (found, keys) = try ordered(query)
        return (Self.paged(keys, query).map(found.match), keys.count)
    }

    public func count(_ query: IncidentQuery) throws -> Int {
        try query.validate()
        guard query.isSpatial else { return try source.count(filter: query.filter) }
        if query.nearestCount == nil { return try streamedPage(query, limit: 0).numberMatched }
        return try ordered(query).keys.count
    }

    public func forEachIncident(_ query: IncidentQuery, withAttributes: Bool = true,
                                _ body: (Incident, IncidentMatch) throws -> Void) throws {
        try query.validate()
        if !query.isSpatial && query.effectiveOrder == .id && query.before == nil {
            return try source.forEachIncident(filter: query.filter, afterID: query.after?.id, limit: query.limit,
                                              withAttributes: withAttributes) { incident in
                try body(incident, IncidentMatch(id: incident.id ?? 0, coordinate: incident.coordinate))
            }
        }
        let found = try matches(query)
        var index = 0
        try source.forEachIncident(ids: found.map(\.id), withAttributes: withAttributes) { incident in
            while index < found.count && found[index].id != incident.id { index += 1 }
            guard index < found.count else { return }
            try body(incident, found[index])
        }
    }

    public func counts(by grouping: IncidentGrouping, _ query: IncidentQuery) throws -> [IncidentGroupCount] {
        try query.validate()
        let ids = query.isSpatial ? try ordered(query).keys.map(\.id).sorted() : nil
        return try source.counts(by: grouping, filter: query.filter, ids: ids)
    }

    public func forEachIncident(ids: [Int64], withAttributes: Bool, _ body: (Incident) throws -> Void) throws {
        try source.forEachIncident(ids: ids, withAttributes: withAttributes, body)
    }

    public func forEachIncident(sortedIDs: [Int64], withAttributes: Bool, _ body: (Incident) throws -> Void) throws {
        try source.forEachIncident(sortedIDs: sortedIDs, withAttributes: withAttributes, body)
    }

    public func forEachFeatureFields(sortedIDs: [Int64], _ body: (IncidentFeatureFields) throws -> Void) throws -> Bool {
        try source.forEachFeatureFields(sortedIDs: sortedIDs, body)
    }

    public func incidentGeneration() throws -> String {
        try source.incidentGeneration()
    }

    // MARK: - Carrying out the spatial parts

    /// Every match of a spatial query, unordered (`found`), and the answer's order as keys into
    /// it (`keys`, sorted; for `nearestCount`, only the nearest); the cursor and limit not applied.
    private func ordered(_ query: IncidentQuery) throws -> (found: UnorderedMatches, keys: [OrderKey]) {
        let order = query.effectiveOrder
        guard let count = query.nearestCount, let center = query.center else {
            let found = try within(query, radius: query.radiusMeters)
            return (found, found.sortedKeys(order))
        }
        let cap = min(query.radiusMeters ?? Self.farthest, Self.farthest)
        let found = try within(query, radius: try nearestBound(count, to: center, query, cap: cap))
        var keys = found.sortedKeys(.distance)
        if keys.count > count { keys.removeSubrange(count...) }
        if order == .id { keys.sort { $0.id < $1.id } }
        return (found, keys)
    }

    /// The prefilter of `query` with a circle of `radius` metres around its centre.
    func prefilter(_ query: IncidentQuery, radius: Double?) -> SpatialPrefilter {
        var prefilter = SpatialPrefilter()
        if let center = query.center, let radius, radius < Self.farthest { prefilter.circle = (center, radius) }
        if let box = query.boundingBox { prefilter.boxes.append(box) }
        prefilter.boxes += query.areas.map(\.boundingBox)
        prefilter.areas = query.areas
        return prefilter
    }

    /// True if `point` is in the query's box and in every one of its areas.
    static func passesBoxAndAreas(_ point: Coordinate, _ query: IncidentQuery) -> Bool {
        (query.boundingBox?.contains(point) ?? true) && query.areas.allSatisfy { $0.covers(point) }
    }

    /// The matches of `query`'s box, areas and filter within `radius` of its centre (every
    /// distance, for a centre without a radius), unordered.
    private func within(_ query: IncidentQuery, radius: Double?) throws -> UnorderedMatches {
        let prefilter = prefilter(query, radius: radius)
        var kept: [IncidentPosition]
        if query.boundingBox == nil && query.areas.isEmpty {
            kept = try source.candidates(filter: query.filter, prefilter: prefilter)
        } else if let found = try boxAndAreaCandidatesByBlocks(query, prefilter: prefilter) {
            kept = found
        } else {
            // Tested as they stream by: an area's box can hold many candidates the area rejects.
            kept = []
            try source.forEachCandidate(filter: query.filter, prefilter: prefilter) { candidate in
                if Self.passesBoxAndAreas(candidate.coordinate, query) { kept.append(candidate) }
            }
        }
        guard let center = query.center else { return UnorderedMatches(positions: kept, distances: nil) }
        let distances = Self.distances(of: kept, test: RadiusTest(center: center, radiusMeters: radius ?? Self.farthest))
        return UnorderedMatches(positions: kept, distances: distances)
    }

    /// A radius in metres (at most `cap`) holding the `count` nearest matches, within the
    /// query's radius if it has one, ties by id.
    ///
    /// Exact and index-driven: the backend's nearest order, or circles of growing size (100 m,
    /// ×4, up to the query's radius), until `count` matches lie within reach; the `count`-th
    /// smallest spherical distance `s` then bounds the answer: the ellipsoidal distance is within
    /// 0.6 % of the spherical one (see `RadiusTest`), so those matches lie within 1.01 `s` on
    /// WGS84 and no farther match can be among the nearest. One exact radius search of that
    /// bound then gives them.
    private func nearestBound(_ count: Int, to center: Coordinate, _ query: IncidentQuery, cap: Double) throws -> Double {
        let capped = prefilter(query, radius: query.radiusMeters)
        var limit = count
        // The backend's nearest order, more candidates while the exact box and area tests reject
        // some; nil at once when the backend has none.
        while let candidates = try source.nearestCandidates(to: center, filter: query.filter, prefilter: capped, limit: limit) {
            let passing = candidates.lazy.filter { Self.passesBoxAndAreas($0.coordinate, query) }.prefix(count)
            if passing.count >= count {
                let farthest = passing.map { Haversine.distanceMeters(from: center, to: $0.coordinate) }.max() ?? 0
                return min(farthest * 1.01 + 1e-6, cap)
            }
            if candidates.count < limit { return cap }  // every candidate seen: fewer than `count` match
            limit *= 4
        }
        var radius = min(100.0, cap)
        while true {
            let candidates = try source.candidates(filter: query.filter, prefilter: prefilter(query, radius: radius))
                .filter { Self.passesBoxAndAreas($0.coordinate, query) }
            var spherical = candidates.map { Haversine.distanceMeters(from: center, to: $0.coordinate) }
            if radius < Self.farthest { spherical.removeAll { $0 > radius * 0.99 } }
            if spherical.count >= count {
                spherical.sort()
                return min(spherical[count - 1] * 1.01 + 1e-6, cap)
            }
            if radius >= cap { return cap }
            radius = min(radius * 4, cap)
        }
    }

    // MARK: - Order

    /// The keys of `all` (ordered) between the query's cursors, at most its limit: the first
    /// matches, or the last ones before `before`.
    private static func paged(_ all: [OrderKey], _ query: IncidentQuery) -> ArraySlice<OrderKey> {
        var page = all[...]
        let order = query.effectiveOrder
        if let after = query.after {
            page = page[(page.firstIndex { isBefore((after.distanceMeters, after.id), ($0.distance, $0.id), order: order) }
                         ?? page.endIndex)...]
        }
        guard let before = query.before else { return page.prefix(query.limit ?? .max) }
        page = page[..<(page.firstIndex { !isBefore(($0.distance, $0.id), (before.distanceMeters, before.id), order: order) }
                        ?? page.endIndex)]
        return page.suffix(query.limit ?? .max)
    }

    /// True if `a` comes before `b` in `order` (distance ties, and id order, by id).
    static func orders(_ a: IncidentMatch, before b: IncidentMatch, order: IncidentOrder) -> Bool {
        isBefore((a.distanceMeters, a.id), (b.distanceMeters, b.id), order: order)
    }

    /// The answer's order on (distance, id) positions.
    static func isBefore(_ a: (distance: Double?, id: Int64), _ b: (distance: Double?, id: Int64), order: IncidentOrder) -> Bool {
        if order == .distance, let da = a.distance, let db = b.distance, da != db { return da < db }
        return a.id < b.id
    }

    // MARK: - Distances

    /// More than half the meridian, in metres: a radius that reaches every point on Earth.
    static var farthest: Double { 20_100_000 }

    /// The exact distance of each point within the test's radius, −1 for the others, computed on
    /// all cores in chunks (each distance is independent; the ellipsoidal solution is the cost).
    private static func distances(of points: [IncidentPosition], test: RadiusTest) -> [Double] {
        var result = [Double](repeating: -1, count: points.count)
        let chunk = 4096
        let chunks = (points.count + chunk - 1) / chunk
        guard chunks > 1 else {
            for (index, point) in points.enumerated() { result[index] = test.distanceIfWithin(point.coordinate) ?? -1 }
            return result
        }
        result.withUnsafeMutableBufferPointer { output in
            points.withUnsafeBufferPointer { input in
                // Each chunk writes only its own slots: no two threads touch the same element.
                nonisolated(unsafe) let output = output
                nonisolated(unsafe) let input = input
                DispatchQueue.concurrentPerform(iterations: chunks) { number in
                    for index in (number * chunk)..<min((number + 1) * chunk, input.count) {
                        output[index] = test.distanceIfWithin(input[index].coordinate) ?? -1
                    }
                }
            }
        }
        return result
    }
}

/// The matches of a spatial query before ordering: their positions and, for a query with a
/// centre, their distances (−1 where a candidate lies beyond the radius: not a match).
struct UnorderedMatches {
    var positions: [IncidentPosition]
    var distances: [Double]?

    /// The keys of the matches, sorted in `order` (distance ties, and id order, by id): small
    /// records, so the sort moves 24 bytes a match and only the returned page becomes matches.
    func sortedKeys(_ order: IncidentOrder) -> [OrderKey] {
        var keys: [OrderKey] = []
        keys.reserveCapacity(positions.count)
        if let distances {
            for (index, position) in positions.enumerated() where distances[index] >= 0 {
                keys.append(OrderKey(distance: distances[index], id: position.id, index: index))
            }
        } else {
            for (index, position) in positions.enumerated() { keys.append(OrderKey(distance: 0, id: position.id, index: index)) }
        }
        if order == .distance {
            keys.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id < $1.id }
        } else {
            keys.sort { $0.id < $1.id }
        }
        return keys
    }

    /// The match a key stands for.
    func match(_ key: OrderKey) -> IncidentMatch {
        IncidentMatch(id: key.id, coordinate: positions[key.index].coordinate, distanceMeters: distances == nil ? nil : key.distance)
    }
}

/// A match's place in the answer's order: its distance (0 without a centre), id, and index in
/// `UnorderedMatches`.
struct OrderKey {
    var distance: Double
    var id: Int64
    var index: Int
}
