import AtlasGeo
import AtlasModel

/// Pages from a backend's index blocks (`CandidateBlock`, the SpatiaLite point index's cells),
/// for queries whose filter keeps everything: a block wholly inside the query's area is counted
/// without reading its points, and only the blocks that can hold the page's matches are read
/// into it.
extension IncidentQueryEngine {
    /// The id-ordered page of a query whose only spatial part is `box`, or nil when the backend
    /// has no blocks: a block inside the box is counted unread and read only while its ids can
    /// still enter the page; a block on the box's edge is read and tested point by point.
    func boxPageByBlocks(_ query: IncidentQuery, box: BoundingBox, limit: Int,
                         prefilter: SpatialPrefilter) throws -> (matches: [IncidentMatch], numberMatched: Int)? {
        let afterID = query.after?.id ?? .min
        var count = 0
        var page = SmallestElements<PositionsByID>(capacity: limit)
        let supported = try source.withCandidateBlocks(filter: query.filter, prefilter: prefilter) { blocks in
            for block in blocks {
                guard Self.box(box, holds: block.bounds) else {
                    block.forEach(.min) { candidate in
                        if box.contains(candidate.coordinate) {
                            count += 1
                            if candidate.id > afterID { page.offer(candidate) }
                        }
                        return true
                    }
                    continue
                }
                count += block.count
                guard limit > 0 else { continue }
                block.forEach(afterID) { candidate in
                    if let cutoff = page.cutoff, candidate.id >= cutoff.id { return false }
                    page.offer(candidate)
                    return true
                }
            }
        }
        guard supported else { return nil }
        return (page.sorted().map { IncidentMatch(id: $0.id, coordinate: $0.coordinate) }, count)
    }

    /// The distance-ordered page of a query whose only spatial part is the radius of `test`, or
    /// nil when the backend has no blocks (or the circle's box crosses the antimeridian): as
    /// `distanceOrderedRingPage`, with the blocks read nearest first.
    ///
    /// Once the selection of `keep` has a cutoff, a block whose nearest possible point
    /// (`RadiusTest.sphericalMetersLowerBound`) is no nearer than the cutoff cannot
    /// add to them: it is only counted, unread when it lies in the circle's inscribed box, and
    /// every match it holds is at least as far as the kept ones, as the page's proof requires.
    func distanceOrderedRingPageByBlocks(_ query: IncidentQuery, limit: Int, prefilter: SpatialPrefilter, test: RadiusTest,
                                         keep: Int) throws -> (page: (matches: [IncidentMatch], numberMatched: Int), proven: Bool)? {
        guard query.boundingBox == nil, query.areas.isEmpty, !prefilter.smallestBox.crossesAntimeridian else { return nil }
        let tolerance = RadiusTest.sphereTolerance
        let inside = test.surelyInsideBox()
        let insideOrEmpty = inside ?? BoundingBox(covering: [Coordinate]())
        var count = 0
        var nearest = SmallestElements<RingCandidatesBySphericalDistance>(capacity: keep)
        let supported = try source.withCandidateBlocks(filter: query.filter, prefilter: prefilter) { blocks in
            let reachable = blocks.map { (block: $0, lowerBound: test.sphericalMetersLowerBound(to: $0.bounds)) }
                .filter { $0.lowerBound * (1 - tolerance) <= test.radiusMeters }
                .sorted { $0.lowerBound < $1.lowerBound }
            for (block, lowerBound) in reachable {
                // A relative margin far above rounding: the bound and the distances are
                // computed in different orders.
                let canAdd = nearest.cutoff.map { lowerBound * (1 - 1e-9) < $0.spherical } ?? true
                if !canAdd, let inside, Self.box(inside, holds: block.bounds) {
                    count += block.count
                    continue
                }
                block.forEach(.min) { candidate in
                    guard let entry = Self.ringMatch(candidate, test: test, inside: insideOrEmpty) else { return true }
                    count += 1
                    if canAdd { Self.offer(entry, to: &nearest, after: query.after, test: test) }
                    return true
                }
            }
        }
        guard supported else { return nil }
        return Self.provenPage(nearest.sorted(), limit: limit, keep: keep, numberMatched: count, test: test)
    }

    /// The candidates of `prefilter` that lie in the query's box and in every one of its areas,
    /// or nil when the backend has no blocks: a block that the box and every area surely cover
    /// (`MultiPolygon.surelyCovers`) is taken whole, only the blocks on an edge are tested point
    /// by point.
    func boxAndAreaCandidatesByBlocks(_ query: IncidentQuery, prefilter: SpatialPrefilter) throws -> [IncidentPosition]? {
        var kept: [IncidentPosition] = []
        let box = query.boundingBox
        // Cells reach past the prefilter's box (a nearest bound may be far smaller than a cell):
        // points outside it are left out before the exact tests, as the one-by-one read does.
        let reach = prefilter.smallestBox
        let supported = try source.withCandidateBlocks(filter: query.filter, prefilter: prefilter) { blocks in
            for block in blocks {
                if Self.box(reach, holds: block.bounds), box.map({ Self.box($0, holds: block.bounds) }) ?? true,
                   query.areas.allSatisfy({ $0.surelyCovers(block.bounds) }) {
                    block.forEach(.min) { candidate in
                        kept.append(candidate)
                        return true
                    }
                } else {
                    block.forEach(.min) { candidate in
                        if reach.contains(candidate.coordinate), Self.passesBoxAndAreas(candidate.coordinate, query) { kept.append(candidate) }
                        return true
                    }
                }
            }
        }
        return supported ? kept : nil
    }

    /// True if every point of `inner` (a box not crossing the antimeridian) lies in `outer`.
    static func box(_ outer: BoundingBox, holds inner: BoundingBox) -> Bool {
        guard inner.south >= outer.south, inner.north <= outer.north, !inner.crossesAntimeridian else { return false }
        if outer.crossesAntimeridian {
            return (inner.west >= outer.west && inner.east <= 180) || (inner.west >= -180 && inner.east <= outer.east)
        }
        return inner.west >= outer.west && inner.east <= outer.east
    }
}
