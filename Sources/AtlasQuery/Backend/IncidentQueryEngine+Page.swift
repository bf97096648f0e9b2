import AtlasGeo
import AtlasModel

/// Pages of spatial queries found in one pass over the candidates, without collecting, ordering
/// or measuring every match: what a server answers for every request.
///
/// `numberMatched` counts the matches; the exact geodesic distance is solved only for a
/// candidate in the ring where the spherical distance cannot decide (within ±1 % of the radius,
/// see `RadiusTest.sphereTolerance`) and for the page's own matches. An id-ordered page keeps the
/// `limit` smallest ids after the cursor as they pass; a distance-ordered page is chosen among
/// the 4 × `limit` + 64 matches nearest by spherical distance, or among all of them when those
/// do not prove the exact order.
extension IncidentQueryEngine {
    /// True if `streamedPage` answers `query`: spatial parts without `nearestCount`, a limit
    /// and no `before` cursor (the other queries need their whole ordered answer).
    static func pagesByStreaming(_ query: IncidentQuery) -> Bool {
        query.isSpatial && query.nearestCount == nil && query.before == nil && query.limit != nil
    }

    /// The matches of `query` after its `after` cursor, at most `limit` (0: none, only the
    /// count), and how many matches it has in all. The query has spatial parts and no
    /// `nearestCount` or `before`.
    func streamedPage(_ query: IncidentQuery, limit: Int) throws -> (matches: [IncidentMatch], numberMatched: Int) {
        let prefilter = prefilter(query, radius: query.radiusMeters)
        let afterID = query.after?.id ?? .min
        guard let center = query.center else {
            if query.areas.isEmpty, let box = query.boundingBox, let page = try boxPageByBlocks(query, box: box, limit: limit, prefilter: prefilter) {
                return page
            }
            var count = 0
            var page = SmallestElements<PositionsByID>(capacity: limit)
            try source.forEachCandidate(filter: query.filter, prefilter: prefilter) { candidate in
                guard Self.passesBoxAndAreas(candidate.coordinate, query) else { return }
                count += 1
                if candidate.id > afterID { page.offer(candidate) }
            }
            return (page.sorted().map { IncidentMatch(id: $0.id, coordinate: $0.coordinate) }, count)
        }
        let test = RadiusTest(center: center, radiusMeters: min(query.radiusMeters ?? Self.farthest, Self.farthest))
        guard query.effectiveOrder == .distance, limit > 0 else {
            return try idOrderedRingPage(query, limit: limit, prefilter: prefilter, test: test)
        }
        // The nearest candidates by spherical distance usually prove the page; when they do not
        // (a cursor deep in a dense ring), every match after the cursor is kept and ordered.
        let keep = 4 * limit + 64
        let first = try distanceOrderedRingPageByBlocks(query, limit: limit, prefilter: prefilter, test: test, keep: keep)
            ?? distanceOrderedRingPage(query, limit: limit, prefilter: prefilter, test: test, keep: keep)
        if first.proven { return first.page }
        return try distanceOrderedRingPage(query, limit: limit, prefilter: prefilter, test: test, keep: .max).page
    }

    /// The id-ordered page (or only the count, `limit` 0) of a query with a centre.
    private func idOrderedRingPage(_ query: IncidentQuery, limit: Int, prefilter: SpatialPrefilter,
                                   test: RadiusTest) throws -> (matches: [IncidentMatch], numberMatched: Int) {
        let afterID = query.after?.id ?? .min
        var count = 0
        var page = SmallestElements<RingCandidatesByID>(capacity: limit)
        try forEachRingMatch(query, prefilter: prefilter, test: test) { entry in
            count += 1
            if entry.position.id > afterID { page.offer(entry) }
        }
        let matches = page.sorted().map {
            IncidentMatch(id: $0.position.id, coordinate: $0.position.coordinate,
                          distanceMeters: $0.exact ?? test.exactMeters(to: $0.position.coordinate))
        }
        return (matches, count)
    }

    /// The distance-ordered page of a query with a centre, chosen among the `keep` matches after
    /// the cursor of smallest spherical distance `s`; `proven` is false when those do not prove
    /// it (never when `keep` is `.max`).
    ///
    /// With `s_L` the `limit`-th smallest kept `s`, the `limit` nearest kept matches lie within
    /// `bound` = s_L × 1.01 exactly, so a match whose `s` × 0.99 exceeds `bound` cannot be on the
    /// page. Every match not kept has `s` at least the largest kept one, `s_max`: the page is
    /// proven when fewer than `keep` were kept or `s_max` × 0.99 > `bound`. Matches that might
    /// precede the cursor get their exact distance at once, so only matches after it are kept.
    func distanceOrderedRingPage(_ query: IncidentQuery, limit: Int, prefilter: SpatialPrefilter, test: RadiusTest,
                                         keep: Int) throws -> (page: (matches: [IncidentMatch], numberMatched: Int), proven: Bool) {
        var count = 0
        var nearest = SmallestElements<RingCandidatesBySphericalDistance>(capacity: keep)
        try forEachRingMatch(query, prefilter: prefilter, test: test) { entry in
            count += 1
            Self.offer(entry, to: &nearest, after: query.after, test: test)
        }
        return Self.provenPage(nearest.sorted(), limit: limit, keep: keep, numberMatched: count, test: test)
    }

    /// Offers the match `entry` to `nearest` if it follows the cursor `after`, measuring it
    /// first if it was not (spherical −1), unless its latitude difference's arc alone (at most
    /// its spherical distance; a margin far above rounding) puts it beyond the farthest kept match.
    static func offer(_ entry: RingCandidate, to nearest: inout SmallestElements<RingCandidatesBySphericalDistance>, after: IncidentCursor?, test: RadiusTest) {
        var entry = entry
        if entry.spherical < 0 {
            if let farthest = nearest.cutoff,
               abs(entry.position.coordinate.latitude - test.center.latitude) * latitudeArcMeters * (1 - 1e-9) >= farthest.spherical { return }
            entry.spherical = test.sphericalMeters(to: entry.position.coordinate)
        }
        guard settle(&entry, after: after, test: test) else { return }
        nearest.offer(entry)
    }


    /// The page among `kept` (the at most `keep` matches after the cursor of smallest spherical
    /// distance, in that order; every other match after the cursor at least as far as the last),
    /// or `proven` false when they do not decide it (see `distanceOrderedRingPage`).
    static func provenPage(_ kept: [RingCandidate], limit: Int, keep: Int, numberMatched: Int,
                           test: RadiusTest) -> (page: (matches: [IncidentMatch], numberMatched: Int), proven: Bool) {
        let tolerance = RadiusTest.sphereTolerance
        guard kept.count > limit else {
            return ((exactlyOrdered(kept[...], test: test), numberMatched), true)
        }
        let bound = kept[limit - 1].spherical * (1 + tolerance)
        if kept.count == keep, let farthest = kept.last, farthest.spherical * (1 - tolerance) <= bound { return (([], numberMatched), false) }
        let near = kept.prefix { $0.spherical * (1 - tolerance) <= bound }
        return ((Array(exactlyOrdered(near, test: test).prefix(limit)), numberMatched), true)
    }

    /// False if `entry` (with its spherical distance) is not after the cursor `after` in
    /// (distance, id) order; a match that may precede it gets its exact distance to decide.
    static func settle(_ entry: inout RingCandidate, after: IncidentCursor?, test: RadiusTest) -> Bool {
        guard let after, after.distanceMeters.map({ entry.spherical * (1 - RadiusTest.sphereTolerance) <= $0 }) ?? true else { return true }
        let distance = entry.exact ?? test.exactMeters(to: entry.position.coordinate)
        guard isBefore((after.distanceMeters, after.id), (distance, entry.position.id), order: .distance) else { return false }
        entry.exact = distance
        return true
    }

    /// `entries` as matches with their exact distances, in (distance, id) order.
    static func exactlyOrdered(_ entries: ArraySlice<RingCandidate>, test: RadiusTest) -> [IncidentMatch] {
        entries.map {
            IncidentMatch(id: $0.position.id, coordinate: $0.position.coordinate,
                          distanceMeters: $0.exact ?? test.exactMeters(to: $0.position.coordinate))
        }.sorted { orders($0, before: $1, order: .distance) }
    }

    /// Calls `body` with every match of a query with a centre: candidates in its box and areas
    /// whose exact distance is within the radius, found with the exact distance solved only in
    /// the ring where the spherical one cannot decide (`RadiusTest.sphereTolerance`). A match in
    /// the circle's `surelyInsideBox` comes with no distance at all (`spherical` −1).
    private func forEachRingMatch(_ query: IncidentQuery, prefilter: SpatialPrefilter, test: RadiusTest,
                                  _ body: (RingCandidate) -> Void) throws {
        let inside = test.surelyInsideBox() ?? BoundingBox(covering: [Coordinate]())
        try source.forEachCandidate(filter: query.filter, prefilter: prefilter) { candidate in
            guard Self.passesBoxAndAreas(candidate.coordinate, query), let entry = Self.ringMatch(candidate, test: test, inside: inside) else { return }
            body(entry)
        }
    }

    /// `candidate` as a match of `test`, or nil when it lies outside the radius: spherical −1
    /// when it lies in `inside` (a box within the radius), else measured, and the exact
    /// distance solved in the ring where only it decides.
    static func ringMatch(_ candidate: IncidentPosition, test: RadiusTest, inside: BoundingBox) -> RingCandidate? {
        let point = candidate.coordinate
        if point.latitude >= inside.south, point.latitude <= inside.north, point.longitude >= inside.west, point.longitude <= inside.east {
            return RingCandidate(position: candidate, spherical: -1, exact: nil)
        }
        let radius = test.radiusMeters
        let tolerance = RadiusTest.sphereTolerance
        let spherical = test.sphericalMeters(to: point)
        if spherical * (1 - tolerance) > radius { return nil }  // surely outside
        var exact: Double?
        if spherical * (1 + tolerance) > radius {  // in the ring: only the exact distance decides
            let distance = test.exactMeters(to: point)
            guard distance <= radius else { return nil }
            exact = distance
        }
        return RingCandidate(position: candidate, spherical: spherical, exact: exact)
    }
}

/// A candidate that passed the spatial tests of a query with a centre: its spherical distance
/// (−1 when it was not needed to decide), and its exact one when the ring test needed it.
struct RingCandidate {
    var position: IncidentPosition
    var spherical: Double
    var exact: Double?
}

/// Ring candidates by id.
enum RingCandidatesByID: SelectionOrder {
    static func precedes(_ a: RingCandidate, _ b: RingCandidate) -> Bool { a.position.id < b.position.id }
}

/// Ring candidates by spherical distance (ties in any order).
enum RingCandidatesBySphericalDistance: SelectionOrder {
    static func precedes(_ a: RingCandidate, _ b: RingCandidate) -> Bool { a.spherical < b.spherical }
}

/// Metres of great-circle arc per degree of latitude on the mean-radius sphere.
private let latitudeArcMeters = Haversine.meanEarthRadiusMeters * .pi / 180
