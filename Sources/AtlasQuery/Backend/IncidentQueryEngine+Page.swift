import AtlasGeo
import AtlasModel

/// Pages of spatial queries found in one pass over the candidates, without collecting, ordering
/// or measuring every match: what a server answers for every request.
///
/// `numberMatched` counts the matches; the exact geodesic distance is solved only for a
/// candidate in the ring where the spherical distance cannot decide (within ±1 % of the radius,
/// see `RadiusTest.sphereTolerance`) and for the page's own matches. An id-ordered page keeps the
/// `limit` smallest ids after the cursor as they pass; a distance-ordered page is chosen among
/// the candidates nearest by spherical distance, widened until the exact order is proven.
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
            var count = 0
            var page = SmallestElements<IncidentPosition>(capacity: limit) { $0.id < $1.id }
            try source.forEachCandidate(filter: query.filter, prefilter: prefilter) { candidate in
                guard Self.passesBoxAndAreas(candidate.coordinate, query) else { return }
                count += 1
                if candidate.id > afterID { page.offer(candidate) }
            }
            return (page.sorted().map { IncidentMatch(id: $0.id, coordinate: $0.coordinate) }, count)
        }
        let radius = min(query.radiusMeters ?? Self.farthest, Self.farthest)
        let test = RadiusTest(center: center, radiusMeters: radius)
        let tolerance = RadiusTest.sphereTolerance
        let byDistance = query.effectiveOrder == .distance
        let afterDistance = query.after?.distanceMeters ?? -1
        var count = 0
        var idPage = SmallestElements<RingCandidate>(capacity: byDistance ? 0 : limit) { $0.position.id < $1.position.id }
        var open: [RingCandidate] = []
        try source.forEachCandidate(filter: query.filter, prefilter: prefilter) { candidate in
            guard Self.passesBoxAndAreas(candidate.coordinate, query) else { return }
            let spherical = test.sphericalMeters(to: candidate.coordinate)
            if spherical * (1 - tolerance) > radius { return }  // surely outside
            var exact: Double?
            if spherical * (1 + tolerance) > radius {  // in the ring: only the exact distance decides
                let distance = test.exactMeters(to: candidate.coordinate)
                guard distance <= radius else { return }
                exact = distance
            }
            count += 1
            let entry = RingCandidate(position: candidate, spherical: spherical, exact: exact)
            if !byDistance {
                if candidate.id > afterID { idPage.offer(entry) }
            } else if limit > 0 && spherical * (1 + tolerance) >= afterDistance {
                open.append(entry)  // not surely before the cursor
            }
        }
        if byDistance {
            return (Self.nearestFirst(open, limit: limit, after: query.after, test: test), count)
        }
        let page = idPage.sorted().map {
            IncidentMatch(id: $0.position.id, coordinate: $0.position.coordinate,
                          distanceMeters: $0.exact ?? test.exactMeters(to: $0.position.coordinate))
        }
        return (page, count)
    }

    /// The first `limit` of `open` (matches, some perhaps before `after`) in (exact distance,
    /// id) order after `after`.
    ///
    /// The `want` candidates of smallest spherical distance `s` all lie within `bound` = s_want
    /// × 1.01 exactly; a candidate whose `s` × 0.99 exceeds `bound` lies beyond it. So the exact
    /// distances of the others decide the page when its last match lies within `bound`;
    /// otherwise (matches before the cursor among the nearest) `want` grows fourfold.
    private static func nearestFirst(_ open: [RingCandidate], limit: Int, after: IncidentCursor?, test: RadiusTest) -> [IncidentMatch] {
        let tolerance = RadiusTest.sphereTolerance
        var want = limit
        while limit > 0 {
            let everything = open.count <= want
            var nearest = SmallestElements<Double>(capacity: everything ? 0 : want, by: <)
            for entry in open { nearest.offer(entry.spherical) }
            let bound = everything ? Double.infinity : (nearest.largest ?? 0) * (1 + tolerance)
            var found: [IncidentMatch] = []
            for entry in open where entry.spherical * (1 - tolerance) <= bound {
                let match = IncidentMatch(id: entry.position.id, coordinate: entry.position.coordinate,
                                          distanceMeters: entry.exact ?? test.exactMeters(to: entry.position.coordinate))
                if let after, !isBefore((after.distanceMeters, after.id), (match.distanceMeters, match.id), order: .distance) { continue }
                found.append(match)
            }
            found.sort { orders($0, before: $1, order: .distance) }
            if everything || (found.count >= limit && (found[limit - 1].distanceMeters ?? .infinity) <= bound) {
                return Array(found.prefix(limit))
            }
            want = want > open.count / 4 ? open.count : want * 4
        }
        return []
    }
}

/// A candidate that passed the spatial tests of a query with a centre: its spherical distance,
/// and its exact one when the ring test needed it.
struct RingCandidate {
    var position: IncidentPosition
    var spherical: Double
    var exact: Double?
}
