import AtlasGeo
import AtlasModel

/// Counts of incidents per square cell of a longitude/latitude grid: the aggregate a map draws
/// instead of every point when a selection is too large to send point by point.
///
/// Cells are `cellDegrees` wide and high, aligned to multiples of the size from (0°, 0°), so the
/// same incident falls in the same cell whatever box was asked for.
public struct IncidentGrid: Sendable, Equatable {
    /// One non-empty cell.
    public struct Cell: Sendable, Equatable {
        /// Column and row: the cell spans longitudes `column × size ..< (column + 1) × size`
        /// and latitudes `row × size ..< (row + 1) × size`, degrees.
        public var column: Int
        public var row: Int
        /// Incidents in the cell.
        public var count: Int
        /// Mean position of those incidents, degrees (where the map draws the count; a plain
        /// mean is fine because a cell never spans the antimeridian).
        public var mean: Coordinate
    }

    /// The cell size, degrees.
    public let cellDegrees: Double
    /// Non-empty cells, by row then column.
    public let cells: [Cell]
    /// Incidents counted: the sum of the cells' counts.
    public var total: Int { cells.reduce(0) { $0 + $1.count } }

    /// The grid of `matches` with cells of `cellDegrees`; nil unless the size is finite and > 0.
    public init?(_ matches: [IncidentMatch], cellDegrees: Double) {
        guard cellDegrees > 0 && cellDegrees.isFinite else { return nil }
        self.cellDegrees = cellDegrees
        struct Key: Hashable { let column: Int, row: Int }
        var sums: [Key: (count: Int, latitude: Double, longitude: Double)] = [:]
        for match in matches {
            let key = Key(column: Self.index(match.coordinate.longitude, cellDegrees),
                          row: Self.index(match.coordinate.latitude, cellDegrees))
            let sum = sums[key, default: (0, 0, 0)]
            sums[key] = (sum.count + 1, sum.latitude + match.coordinate.latitude, sum.longitude + match.coordinate.longitude)
        }
        cells = sums.map { key, sum in
            Cell(column: key.column, row: key.row, count: sum.count,
                 mean: Coordinate(latitude: sum.latitude / Double(sum.count), longitude: sum.longitude / Double(sum.count)))
        }.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }

    /// The cell index of `degrees`: the `i` with `i × size <= degrees < (i + 1) × size` as
    /// computed in floating point. The quotient alone can round across a cell edge (a point on
    /// an edge would be counted in the cell whose span, as documented, does not hold it).
    private static func index(_ degrees: Double, _ size: Double) -> Int {
        var index = Int((degrees / size).rounded(.down))
        if degrees < Double(index) * size { index -= 1 }
        if degrees >= Double(index + 1) * size { index += 1 }
        return index
    }
}
