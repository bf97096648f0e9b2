import AtlasGeo
import Foundation

/// A bucketing of points into latitude/longitude cells so that every pair within `eps`
/// (haversine) lies in cells that are listed as neighbours of each other: the candidate filter
/// behind `DBSCAN`. Distances themselves are always decided exactly, by `isWithinEps`.
///
/// ## Geometry
///
/// With θ = eps / R the central angle, two points within eps satisfy
/// - |Δlatitude| ≤ θ (a great circle is never shorter than the meridian arc between the two
///   parallels), and
/// - sin(|Δlongitude| / 2) ≤ sin(θ / 2) / √(cos φ₁ cos φ₂) (from the haversine formula), so
///   with c = cos of the largest |latitude| the two points can have,
///   |Δlongitude| ≤ 2 asin(sin(θ / 2) / c), or unbounded when that ratio reaches 1.
///
/// Rows are θ/2 high, so a neighbour is at most two rows away. Each row gets its own column
/// width, about half its longitude bound, which it computes from the largest |latitude| of
/// the five rows around it: near the equator cells are narrow, towards the poles they widen,
/// and a row whose bound is unbounded (close to a pole, or eps of thousands of kilometres) is
/// a single cell spanning all longitudes. Columns tile the full circle exactly (the width is
/// 360° divided by a whole number), so neighbours wrap across the antimeridian.
/// All bounds are padded (relative 1e-6, absolute 1e-13 rad) so rounding never loses a pair.
///
/// A cell is *compact* when a rigorous upper bound on the distance between any two places in
/// it is below eps: all its points are then mutual neighbours with no distance computed.
struct ClusterGrid {
    /// Unit vectors of the points (input order), for a cheap chord-length prefilter.
    let x: [Double], y: [Double], z: [Double]
    /// The points' coordinates (input order), for exact haversine checks.
    let coordinates: [Coordinate]
    /// The points' days (input order).
    let days: [Int]
    /// The radius, metres.
    let epsMeters: Double

    /// Point indices grouped by cell; within a cell sorted by (day, index).
    let order: [Int]
    /// `days[order[k]]`, for binary searches of day windows.
    let orderDays: [Int]
    /// Cell k holds `order[cellStart[k] ..< cellStart[k + 1]]`.
    let cellStart: [Int]
    /// The cell of each point (input order).
    let cellOfPoint: [Int]
    /// Whether all pairs of places within a cell are within eps.
    let cellIsCompact: [Bool]
    /// Cell k's neighbour cells (itself included), ascending, are
    /// `neighbours[neighbourStart[k] ..< neighbourStart[k + 1]]`.
    let neighbourStart: [Int]
    /// The concatenated neighbour lists; see `neighbourStart`.
    let neighbours: [Int]
    /// Per cell, the axis-aligned box of its members' unit vectors (lower and upper corners):
    /// a point farther than eps (as a chord) from the box has no neighbour in the cell.
    private let boxLow: [SIMD3<Double>]
    private let boxHigh: [SIMD3<Double>]

    /// Chord² (unit sphere) below which a pair is certainly within eps, and above which it is
    /// certainly not; in between the exact haversine decides.
    private let chordSquaredSurelyWithin: Double
    private let chordSquaredSurelyBeyond: Double

    /// The cell layout of one row of the grid.
    private struct Row {
        /// Columns across 360°, at least 1.
        var columnCount: Int
        /// 360 / columnCount, degrees.
        var columnWidth: Double
        /// Longitude bound (degrees) for pairs with a point in this row, nil if unbounded.
        var longitudeReach: Double?
        /// Whether this row's cells are compact.
        var compact: Bool
    }

    var cellCount: Int { cellStart.count - 1 }

    /// Buckets `points` (already validated) for neighbourhoods of radius `epsMeters`.
    init(points: [ClusterPoint], epsMeters: Double) {
        let n = points.count
        let radius = Haversine.meanEarthRadiusMeters
        let theta = epsMeters / radius
        let thetaPadded = theta * (1 + 1e-6) + 1e-13
        let degrees = 180 / Double.pi
        self.epsMeters = epsMeters

        // Exact-check prefilter on chord lengths. Near the antipode chord length barely varies
        // with distance, so past 3 rad (19,000 km) always decide exactly.
        if theta >= 3 {
            chordSquaredSurelyWithin = -1
            chordSquaredSurelyBeyond = .infinity
        } else {
            let chord = 2 * sin(theta / 2)
            chordSquaredSurelyWithin = chord * chord * (1 - 1e-9) - 1e-13 * chord
            chordSquaredSurelyBeyond = chord * chord * (1 + 1e-9) + 1e-13 * chord
        }

        var x = [Double](repeating: 0, count: n)
        var y = [Double](repeating: 0, count: n)
        var z = [Double](repeating: 0, count: n)
        var days = [Int](repeating: 0, count: n)
        var coordinates = [Coordinate]()
        coordinates.reserveCapacity(n)
        for (i, point) in points.enumerated() {
            let phi = point.coordinate.latitude / degrees
            let lambda = point.coordinate.longitude / degrees
            x[i] = cos(phi) * cos(lambda)
            y[i] = cos(phi) * sin(lambda)
            z[i] = sin(phi)
            days[i] = point.day
            coordinates.append(point.coordinate)
        }

        // Rows θ/2 high (one row for everything when that exceeds the globe).
        let rowHeight = min(thetaPadded / 2 * degrees, 360)
        func rowIndex(_ latitude: Double) -> Int {
            Int(((latitude + 90) / rowHeight).rounded(.down))
        }
        func makeRow(_ r: Int) -> Row {
            let rowLow = max(-90, -90 + Double(r) * rowHeight)
            let rowHigh = min(90, -90 + Double(r + 1) * rowHeight)
            let windowLow = max(-90, -90 + Double(r - 2) * rowHeight)
            let windowHigh = min(90, -90 + Double(r + 3) * rowHeight)
            let maxAbsLatitude = min(90, max(abs(windowLow), abs(windowHigh)) + 1e-9)
            let cosine = cos(maxAbsLatitude / degrees)
            let sineHalfTheta = sin(min(thetaPadded, .pi) / 2)
            var reach: Double? = nil
            if thetaPadded < .pi, sineHalfTheta < cosine * (1 - 1e-12) {
                let bound = 2 * asin(sineHalfTheta / cosine) * (1 + 1e-6) * degrees
                if bound < 180 { reach = bound }
            }
            guard let reach else {
                return Row(columnCount: 1, columnWidth: 360, longitudeReach: nil, compact: false)
            }
            let columns = max(1, min(1 << 40, Int((360 / (reach / 2)).rounded(.down))))
            let width = 360 / Double(columns)
            // Compactness: sin²(c/2) ≤ (Δφ² + cos²φmin Δλ²) / 4 for two places in the cell.
            let minAbsLatitude = (rowLow <= 0 && rowHigh >= 0) ? 0 : max(0, min(abs(rowLow), abs(rowHigh)) - 1e-9)
            let dPhi = (rowHigh - rowLow) / degrees
            let dLambda = cos(minAbsLatitude / degrees) * width / degrees
            let halfChord = (dPhi * dPhi + dLambda * dLambda).squareRoot() / 2
            var compact = false
            if columns >= 3, halfChord < 1 {
                let bound = 2 * asin(halfChord)
                compact = bound * (1 + 1e-6) + 1e-13 <= theta
            }
            return Row(columnCount: columns, columnWidth: width, longitudeReach: reach, compact: compact)
        }

        var rows: [Int: Row] = [:]
        var rowOf = [Int](repeating: 0, count: n)
        var columnOf = [Int](repeating: 0, count: n)
        for i in 0..<n {
            let r = rowIndex(coordinates[i].latitude)
            let row: Row
            if let known = rows[r] {
                row = known
            } else {
                row = makeRow(r)
                rows[r] = row
            }
            rowOf[i] = r
            let column = Int(((coordinates[i].longitude + 180) / row.columnWidth).rounded(.down))
            columnOf[i] = ((column % row.columnCount) + row.columnCount) % row.columnCount
        }

        // Group by cell, members by (day, index).
        var order = Array(0..<n)
        order.sort { a, b in
            if rowOf[a] != rowOf[b] { return rowOf[a] < rowOf[b] }
            if columnOf[a] != columnOf[b] { return columnOf[a] < columnOf[b] }
            if days[a] != days[b] { return days[a] < days[b] }
            return a < b
        }
        var cellStart: [Int] = []
        var cellRow: [Int] = []
        var cellColumn: [Int] = []
        var cellOfPoint = [Int](repeating: 0, count: n)
        for (k, i) in order.enumerated() {
            if cellRow.isEmpty || rowOf[i] != cellRow[cellRow.count - 1] || columnOf[i] != cellColumn[cellColumn.count - 1] {
                cellStart.append(k)
                cellRow.append(rowOf[i])
                cellColumn.append(columnOf[i])
            }
            cellOfPoint[i] = cellRow.count - 1
        }
        cellStart.append(n)
        // Each row's cells are contiguous and ascending by column.
        var rowCells: [Int: Range<Int>] = [:]
        var runStart = 0
        for k in 0..<cellRow.count where k + 1 == cellRow.count || cellRow[k + 1] != cellRow[k] {
            rowCells[cellRow[k]] = runStart..<(k + 1)
            runStart = k + 1
        }
        let cellCount = cellRow.count

        // Neighbour lists.
        var neighbourStart: [Int] = [0]
        var neighbours: [Int] = []
        neighbourStart.reserveCapacity(cellCount + 1)
        neighbours.reserveCapacity(cellCount * 25)
        var scratch: [Int] = []
        /// Appends the cells of `cells` (one row, ascending columns) with column in low...high.
        func appendColumns(_ cells: Range<Int>, _ low: Int, _ high: Int) {
            var lo = cells.lowerBound
            var hi = cells.upperBound
            while lo < hi {
                let mid = (lo + hi) / 2
                if cellColumn[mid] < low { lo = mid + 1 } else { hi = mid }
            }
            var k = lo
            while k < cells.upperBound, cellColumn[k] <= high {
                scratch.append(k)
                k += 1
            }
        }
        for cell in 0..<cellCount {
            scratch.removeAll(keepingCapacity: true)
            let r = cellRow[cell]
            guard let row = rows[r] else { continue }
            for otherRow in (r - 2)...(r + 2) {
                guard let cells = rowCells[otherRow], let other = rows[otherRow] else { continue }
                guard let reach = row.longitudeReach else {
                    scratch.append(contentsOf: cells)
                    continue
                }
                let slack = 1e-9
                let west = Double(cellColumn[cell]) * row.columnWidth - reach - slack
                let east = Double(cellColumn[cell] + 1) * row.columnWidth + reach + slack
                let first = Int((west / other.columnWidth).rounded(.down))
                let last = Int((east / other.columnWidth).rounded(.down))
                let span = last - first + 1
                if span >= other.columnCount || span >= cells.count * 4 {
                    // Cheaper (or necessary) to filter the row's cells than to walk columns.
                    for k in cells where span >= other.columnCount || Self.columnInRange(
                        cellColumn[k], first: first, span: span, columnCount: other.columnCount)
                    {
                        scratch.append(k)
                    }
                    continue
                }
                let start = ((first % other.columnCount) + other.columnCount) % other.columnCount
                let end = start + span - 1
                if end < other.columnCount {
                    appendColumns(cells, start, end)
                } else {
                    appendColumns(cells, start, other.columnCount - 1)
                    appendColumns(cells, 0, end - other.columnCount)
                }
            }
            scratch.sort()
            neighbours.append(contentsOf: scratch)
            neighbourStart.append(neighbours.count)
        }

        self.x = x
        self.y = y
        self.z = z
        self.coordinates = coordinates
        self.days = days
        self.order = order
        self.orderDays = order.map { days[$0] }
        self.cellStart = cellStart
        self.cellOfPoint = cellOfPoint
        self.cellIsCompact = cellRow.map { rows[$0]?.compact ?? false }
        self.neighbourStart = neighbourStart
        self.neighbours = neighbours
        var boxLow = [SIMD3<Double>](repeating: SIMD3(repeating: .infinity), count: cellCount)
        var boxHigh = [SIMD3<Double>](repeating: SIMD3(repeating: -.infinity), count: cellCount)
        for cell in 0..<cellCount {
            for k in cellStart[cell]..<cellStart[cell + 1] {
                let i = order[k]
                let v = SIMD3(x[i], y[i], z[i])
                boxLow[cell] = pointwiseMin(boxLow[cell], v)
                boxHigh[cell] = pointwiseMax(boxHigh[cell], v)
            }
        }
        self.boxLow = boxLow
        self.boxHigh = boxHigh
    }

    /// False when point `i` is certainly farther than eps from every member of `cell` (its
    /// chord to the cell's bounding box already exceeds eps); true when it may have neighbours
    /// there.
    @inline(__always)
    func mayHaveNeighbours(_ i: Int, in cell: Int) -> Bool {
        let v = SIMD3(x[i], y[i], z[i])
        let below = pointwiseMax(boxLow[cell] - v, SIMD3(repeating: 0))
        let above = pointwiseMax(v - boxHigh[cell], SIMD3(repeating: 0))
        let gap = below + above
        return (gap * gap).sum() <= chordSquaredSurelyBeyond
    }

    /// Whether `column` is one of the `span` columns from `first` on, modulo `columnCount`.
    private static func columnInRange(_ column: Int, first: Int, span: Int, columnCount: Int) -> Bool {
        let offset = (((column - first) % columnCount) + columnCount) % columnCount
        return offset < span
    }

    /// Whether points `i` and `j` are within eps: exactly `Haversine.distanceMeters <= eps`,
    /// with the chord length deciding the clear cases without trigonometry.
    @inline(__always)
    func isWithinEps(_ i: Int, _ j: Int) -> Bool {
        let dx = x[i] - x[j]
        let dy = y[i] - y[j]
        let dz = z[i] - z[j]
        let chordSquared = dx * dx + dy * dy + dz * dz
        if chordSquared <= chordSquaredSurelyWithin { return true }
        if chordSquared > chordSquaredSurelyBeyond { return false }
        return Haversine.distanceMeters(from: coordinates[i], to: coordinates[j]) <= epsMeters
    }

    /// The exact haversine distance in metres if points `i` and `j` are within eps, else nil.
    @inline(__always)
    func distanceIfWithinEps(_ i: Int, _ j: Int) -> Double? {
        let dx = x[i] - x[j]
        let dy = y[i] - y[j]
        let dz = z[i] - z[j]
        if dx * dx + dy * dy + dz * dz > chordSquaredSurelyBeyond { return nil }
        let distance = Haversine.distanceMeters(from: coordinates[i], to: coordinates[j])
        return distance <= epsMeters ? distance : nil
    }

    /// The neighbour cells of `cell`, itself included, ascending.
    func neighbourCells(of cell: Int) -> ArraySlice<Int> {
        neighbours[neighbourStart[cell]..<neighbourStart[cell + 1]]
    }

    /// Positions in `order` of the members of `cell` whose day is within `maxDays` of `day`
    /// (all members when `maxDays` is nil).
    func window(of cell: Int, day: Int, maxDays: Int?) -> Range<Int> {
        let start = cellStart[cell]
        let end = cellStart[cell + 1]
        guard let maxDays else { return start..<end }
        let low = day.subtractingReportingOverflow(maxDays)
        let high = day.addingReportingOverflow(maxDays)
        let lowDay = low.overflow ? Int.min : low.partialValue
        let highDay = high.overflow ? Int.max : high.partialValue
        return lowerBound(orderDays, lowDay, start, end)..<upperBound(orderDays, highDay, start, end)
    }

    /// First position in `values[start..<end]` (ascending) holding a value ≥ `target`.
    @inline(__always)
    private func lowerBound(_ values: [Int], _ target: Int, _ start: Int, _ end: Int) -> Int {
        var lo = start
        var hi = end
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// First position in `values[start..<end]` (ascending) holding a value > `target`.
    @inline(__always)
    private func upperBound(_ values: [Int], _ target: Int, _ start: Int, _ end: Int) -> Int {
        var lo = start
        var hi = end
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] <= target { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
