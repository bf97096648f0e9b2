import AtlasGeo
import AtlasModel

/// What a storage backend supplies so that `IncidentQueryEngine` can carry out any
/// `IncidentQuery`: candidates its indexes find, SQL-side filtering, rows and counts. The
/// engine does everything else (exact spatial tests, distances, nearest, order, cursor, limit)
/// the same way for every backend, so their answers are equal.
public protocol IncidentSource: Sendable {
    /// Ids and positions of the incidents passing `filter` that may satisfy `prefilter`, in any
    /// order. A superset is fine (the engine applies every spatial part exactly); leaving out an
    /// incident that satisfies the prefilter is not.
    func candidates(filter: IncidentFilter, prefilter: SpatialPrefilter) throws -> [IncidentPosition]

    /// Calls `body` with each of `candidates(filter:prefilter:)`, without collecting them: a page
    /// and its `numberMatched` are found in one pass that keeps only the page.
    func forEachCandidate(filter: IncidentFilter, prefilter: SpatialPrefilter, _ body: (IncidentPosition) -> Void) throws

    /// Calls `body` once with the blocks of the backend's spatial index (`CandidateBlock`) that
    /// may hold candidates of `prefilter` passing `filter`, valid during the call, and returns
    /// true; or returns false at once, calling nothing, when the backend has no blocks for this
    /// filter (the engine then reads candidates one by one). Every candidate lies in exactly
    /// one of the blocks.
    func withCandidateBlocks(filter: IncidentFilter, prefilter: SpatialPrefilter, _ body: ([CandidateBlock]) throws -> Void) throws -> Bool

    /// At most `limit` candidates as `candidates(filter:prefilter:)` gives them, nearest to
    /// `center` first by an index order, or nil if the backend has no such order (the engine then
    /// searches growing circles).
    func nearestCandidates(to center: Coordinate, filter: IncidentFilter, prefilter: SpatialPrefilter, limit: Int) throws -> [IncidentPosition]?

    /// Ids and positions of the incidents passing `filter`, in id order, after `afterID`, at most
    /// `limit` (queries without spatial parts).
    func positions(filter: IncidentFilter, afterID: Int64?, limit: Int?) throws -> [IncidentPosition]

    /// Ids and positions of the last `limit` (all, when nil) incidents passing `filter` after
    /// `afterID` and before `beforeID`, in id order (a page read backwards, for queries without
    /// spatial parts).
    func positions(filter: IncidentFilter, afterID: Int64?, beforeID: Int64, limit: Int?) throws -> [IncidentPosition]

    /// How many incidents pass `filter`.
    func count(filter: IncidentFilter) throws -> Int

    /// Counts and fatalities per group of the incidents passing `filter`, among `ids` when given.
    func counts(by grouping: IncidentGrouping, filter: IncidentFilter, ids: [Int64]?) throws -> [IncidentGroupCount]

    /// Calls `body` with every incident passing `filter`, in id order, after `afterID`, at most
    /// `limit`, streaming.
    func forEachIncident(filter: IncidentFilter, afterID: Int64?, limit: Int?, withAttributes: Bool,
                         _ body: (Incident) throws -> Void) throws

    /// Calls `body` with each incident of `ids`, in that order (missing ids are skipped).
    func forEachIncident(ids: [Int64], withAttributes: Bool, _ body: (Incident) throws -> Void) throws

    /// Calls `body` with each incident of `sortedIDs` (ascending), in id order.
    func forEachIncident(sortedIDs: [Int64], withAttributes: Bool, _ body: (Incident) throws -> Void) throws

    /// Calls `body` with the Feature fields of each incident of `sortedIDs` (ascending) in id
    /// order, borrowed for the call, and returns true; or returns false at once, calling
    /// nothing, when the backend has no such read (the caller then reads whole incidents).
    func forEachFeatureFields(sortedIDs: [Int64], _ body: (IncidentFeatureFields) throws -> Void) throws -> Bool

    /// A token that changes whenever any incident is added, removed or moved.
    func incidentGeneration() throws -> String
}

extension IncidentSource {
    /// The collected candidates, one by one (for backends that have no streaming read).
    public func forEachCandidate(filter: IncidentFilter, prefilter: SpatialPrefilter, _ body: (IncidentPosition) -> Void) throws {
        for candidate in try candidates(filter: filter, prefilter: prefilter) { body(candidate) }
    }

    /// No blocks: the engine reads candidates one by one.
    public func withCandidateBlocks(filter: IncidentFilter, prefilter: SpatialPrefilter, _ body: ([CandidateBlock]) throws -> Void) throws -> Bool {
        false
    }

    /// No borrowed fields: callers read whole incidents.
    public func forEachFeatureFields(sortedIDs: [Int64], _ body: (IncidentFeatureFields) throws -> Void) throws -> Bool {
        false
    }

    /// No index order for nearest: the engine searches growing circles.
    public func nearestCandidates(to center: Coordinate, filter: IncidentFilter, prefilter: SpatialPrefilter, limit: Int) throws -> [IncidentPosition]? {
        nil
    }
}

extension IncidentSource {
    /// A forward read of everything after `afterID` and up to `beforeID`, keeping the last
    /// `limit`: right for any backend, linear in the rows before `beforeID`; a backend with a
    /// descending index read answers in `limit` rows instead.
    public func positions(filter: IncidentFilter, afterID: Int64?, beforeID: Int64, limit: Int?) throws -> [IncidentPosition] {
        let before = try positions(filter: filter, afterID: afterID, limit: nil).prefix { $0.id < beforeID }
        return Array(before.suffix(limit ?? .max))
    }
}

/// An incident's id and position (degrees).
public struct IncidentPosition: Sendable, Equatable {
    /// Incident id.
    public var id: Int64
    /// Position, degrees.
    public var coordinate: Coordinate

    /// Creates a position.
    public init(id: Int64, coordinate: Coordinate) {
        self.id = id
        self.coordinate = coordinate
    }
}

/// What every match of a query lies in, for a backend's spatial index: within a geodesic
/// circle (centre, radius in metres) and inside each box. A backend may use any of them.
public struct SpatialPrefilter: Sendable {
    /// Geodesic centre and a radius in metres that includes every match.
    public var circle: (center: Coordinate, radiusMeters: Double)?
    /// Boxes every match lies in (the query's box, each area's box).
    public var boxes: [BoundingBox] = []
    /// Areas that cover every match (the query's areas, planar in lon/lat). A backend may test
    /// them with a tolerance (a superset); the engine tests each exactly.
    public var areas: [MultiPolygon] = []

    /// No constraint.
    public init() {}

    /// The smallest of the boxes the circle and the boxes imply: every match lies in it.
    public var smallestBox: BoundingBox {
        var all = boxes
        if let circle { all.append(BoundingBox.around(circle.center, radiusMeters: circle.radiusMeters)) }
        return all.min { Self.degreeArea($0) < Self.degreeArea($1) } ?? BoundingBox(west: -180, south: -90, east: 180, north: 90)
    }

    /// A box's size in square degrees (longitude span across the antimeridian when it wraps).
    private static func degreeArea(_ box: BoundingBox) -> Double {
        let width = box.crossesAntimeridian ? 360 - (box.west - box.east) : box.east - box.west
        return width * (box.north - box.south)
    }
}
