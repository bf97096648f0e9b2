import AtlasGeo

/// Density-based clustering of incidents (DBSCAN), optionally in space and time (ST-DBSCAN):
/// the answer to "where do the shelling incidents cluster?".
///
/// ## Semantics
///
/// Exactly those of scikit-learn's `DBSCAN(eps: epsMeters / 6_371_008.8, min_samples:
/// minPoints, metric: "haversine")` on radians (latitude, longitude), for core points, noise
/// and the partition of core points into clusters:
/// - the neighbourhood N(p) of a point is every point q (p itself included) with
///   `Haversine.distanceMeters(p, q) <= epsMeters`, and, when `maxDays` is set, with
///   |day(p) − day(q)| ≤ maxDays;
/// - p is a *core* point iff |N(p)| ≥ minPoints;
/// - core points within eps of each other are in the same cluster (transitively);
/// - a non-core point with a core point in its neighbourhood is a *border* point; any other
///   point is *noise*.
///
/// Where scikit-learn lets a border point join whichever cluster reaches it first (depending on
/// input order), here it joins the cluster of its **nearest** core point, ties going to the core
/// point with the lower id (then the lower input index): the result never depends on input
/// order. Cluster ids are stable too; see `Cluster`.
///
/// ## Speed
///
/// Points are bucketed in a latitude/longitude grid (`ClusterGrid`) so that only pairs in
/// neighbouring cells are ever compared, each comparison first by chord length and only near
/// the boundary by the exact haversine formula. A cell whose diagonal is shorter than eps and
/// that holds at least minPoints points makes all of them core without any distance computed;
/// core points of two neighbouring cells are linked as soon as one pair within eps is found.
/// Memory is O(n). 41,753 incidents in a 60 km box around Aleppo with eps 1 km and minPoints 5
/// cluster in a few hundredths of a second in a release build.
public enum DBSCAN {
    /// Clusters `points` with the given parameters.
    ///
    /// For example, shelling hot spots with at least 5 incidents within 1 km:
    ///
    /// ```swift
    /// let parameters = try ClusteringParameters(epsMeters: 1_000, minPoints: 5)
    /// let result = try DBSCAN.cluster(points, parameters: parameters)
    /// ```
    ///
    /// - returns: labels and core flags aligned with `points`, and the clusters in id order.
    /// - throws: `ClusteringError.invalidCoordinate` for a latitude outside [-90, 90], a
    ///   longitude outside [-180, 180] or a value that is not finite.
    public static func cluster(
        _ points: [ClusterPoint], parameters: ClusteringParameters
    ) throws(ClusteringError) -> ClusteringResult {
        for (index, point) in points.enumerated() {
            let coordinate = point.coordinate
            guard coordinate.latitude.isFinite, coordinate.longitude.isFinite,
                  (-90.0...90.0).contains(coordinate.latitude),
                  (-180.0...180.0).contains(coordinate.longitude)
            else {
                throw .invalidCoordinate(index: index, id: point.id, coordinate: coordinate)
            }
        }
        let n = points.count
        guard n > 0 else { return ClusteringResult(labels: [], isCore: [], clusters: []) }

        let grid = ClusterGrid(points: points, epsMeters: parameters.epsMeters)
        let isCore = findCorePoints(grid, minPoints: parameters.minPoints, maxDays: parameters.maxDays)
        var components = linkCorePoints(grid, isCore: isCore, maxDays: parameters.maxDays)
        let nearestCore = assignBorderPoints(grid, points: points, isCore: isCore, maxDays: parameters.maxDays)
        return numberClusters(points: points, isCore: isCore, nearestCore: nearestCore, components: &components)
    }

    // MARK: - Core points

    /// Flags each point whose neighbourhood holds at least `minPoints` points.
    private static func findCorePoints(_ grid: ClusterGrid, minPoints: Int, maxDays: Int?) -> [Bool] {
        var isCore = [Bool](repeating: false, count: grid.days.count)
        for cell in 0..<grid.cellCount {
            let members = grid.cellStart[cell]..<grid.cellStart[cell + 1]
            let compact = grid.cellIsCompact[cell]
            if compact, maxDays == nil, members.count >= minPoints {
                for k in members { isCore[grid.order[k]] = true }
                continue
            }
            for k in members {
                let i = grid.order[k]
                let day = grid.days[i]
                var count = 0
                if compact {
                    // Everyone in a compact cell is within eps; only days can part them.
                    count = grid.window(of: cell, day: day, maxDays: maxDays).count
                }
                if count < minPoints {
                    search: for other in grid.neighbourCells(of: cell)
                    where !(compact && other == cell) && grid.mayHaveNeighbours(i, in: other) {
                        for m in grid.window(of: other, day: day, maxDays: maxDays)
                        where grid.isWithinEps(i, grid.order[m]) {
                            count += 1
                            if count >= minPoints { break search }
                        }
                    }
                }
                isCore[i] = count >= minPoints
            }
        }
        return isCore
    }

    // MARK: - Linking core points

    /// Unions core points within eps of each other; the sets are the clusters.
    private static func linkCorePoints(_ grid: ClusterGrid, isCore: [Bool], maxDays: Int?) -> UnionFind {
        let cellCount = grid.cellCount
        // Core members per cell, in the cells' (day, index) order.
        var coreStart = [Int](repeating: 0, count: cellCount + 1)
        var cores: [Int] = []
        var coreDays: [Int] = []
        for cell in 0..<cellCount {
            for k in grid.cellStart[cell]..<grid.cellStart[cell + 1] where isCore[grid.order[k]] {
                cores.append(grid.order[k])
                coreDays.append(grid.orderDays[k])
            }
            coreStart[cell + 1] = cores.count
        }
        func coreWindow(_ cell: Int, day: Int) -> Range<Int> {
            let start = coreStart[cell]
            let end = coreStart[cell + 1]
            guard let maxDays else { return start..<end }
            let low = day.subtractingReportingOverflow(maxDays)
            let high = day.addingReportingOverflow(maxDays)
            let lowDay = low.overflow ? Int.min : low.partialValue
            let highDay = high.overflow ? Int.max : high.partialValue
            var lo = start, hi = end
            while lo < hi {
                let mid = (lo + hi) / 2
                if coreDays[mid] < lowDay { lo = mid + 1 } else { hi = mid }
            }
            let first = lo
            hi = end
            while lo < hi {
                let mid = (lo + hi) / 2
                if coreDays[mid] <= highDay { lo = mid + 1 } else { hi = mid }
            }
            return first..<lo
        }

        var sets = UnionFind(count: grid.days.count)
        for cell in 0..<cellCount {
            let own = coreStart[cell]..<coreStart[cell + 1]
            guard !own.isEmpty else { continue }
            // Within the cell.
            if grid.cellIsCompact[cell] {
                // All within eps: consecutive cores (by day) within maxDays are linked, which
                // links every pair within maxDays transitively.
                for k in own.dropFirst() {
                    if let maxDays, Self.daysApart(coreDays[k - 1], coreDays[k], moreThan: maxDays) { continue }
                    sets.union(cores[k - 1], cores[k])
                }
            } else {
                for k in own {
                    let a = cores[k]
                    for m in coreWindow(cell, day: coreDays[k]) where m > k {
                        let b = cores[m]
                        if sets.find(a) != sets.find(b), grid.isWithinEps(a, b) { sets.union(a, b) }
                    }
                }
            }
            // With other cells: each unordered pair once (the neighbour relation between rows
            // of different widths need not be symmetric, so a pair seen only from one side is
            // handled there).
            let neighbourCells = grid.neighbourCells(of: cell)
            for other in neighbourCells where other != cell {
                let theirs = coreStart[other]..<coreStart[other + 1]
                guard !theirs.isEmpty else { continue }
                if other < cell, grid.neighbourCells(of: other).contains(cell) { continue }
                if maxDays == nil, grid.cellIsCompact[cell], grid.cellIsCompact[other] {
                    // Each side is one set already: one pair within eps links them.
                    if sets.find(cores[own.lowerBound]) == sets.find(cores[theirs.lowerBound]) { continue }
                    search: for k in own where grid.mayHaveNeighbours(cores[k], in: other) {
                        for m in theirs where grid.isWithinEps(cores[k], cores[m]) {
                            sets.union(cores[k], cores[m])
                            break search
                        }
                    }
                    continue
                }
                for k in own where grid.mayHaveNeighbours(cores[k], in: other) {
                    let a = cores[k]
                    for m in coreWindow(other, day: coreDays[k]) {
                        let b = cores[m]
                        if sets.find(a) != sets.find(b), grid.isWithinEps(a, b) { sets.union(a, b) }
                    }
                }
            }
        }
        return sets
    }

    /// Whether two days differ by more than `maxDays`, without overflowing.
    private static func daysApart(_ a: Int, _ b: Int, moreThan maxDays: Int) -> Bool {
        let (difference, overflow) = b.subtractingReportingOverflow(a)
        return overflow || difference.magnitude > UInt(maxDays)
    }

    // MARK: - Border points

    /// For each non-core point, the input index of its nearest core point within eps (ties to
    /// the lower id, then the lower index), or nil; nil for core points.
    private static func assignBorderPoints(
        _ grid: ClusterGrid, points: [ClusterPoint], isCore: [Bool], maxDays: Int?
    ) -> [Int?] {
        var nearest = [Int?](repeating: nil, count: points.count)
        for i in 0..<points.count where !isCore[i] {
            var best: Int? = nil
            var bestDistance = Double.infinity
            for other in grid.neighbourCells(of: grid.cellOfPoint[i]) where grid.mayHaveNeighbours(i, in: other) {
                for m in grid.window(of: other, day: grid.days[i], maxDays: maxDays) {
                    let j = grid.order[m]
                    guard isCore[j], let distance = grid.distanceIfWithinEps(i, j) else { continue }
                    if let current = best {
                        if distance > bestDistance { continue }
                        if distance == bestDistance,
                           (points[j].id, j) > (points[current].id, current) { continue }
                    }
                    best = j
                    bestDistance = distance
                }
            }
            nearest[i] = best
        }
        return nearest
    }

    // MARK: - Numbering

    /// Gathers members per core-point set and numbers the clusters by (first day, lowest id,
    /// lowest index).
    private static func numberClusters(
        points: [ClusterPoint], isCore: [Bool], nearestCore: [Int?], components: inout UnionFind
    ) -> ClusteringResult {
        let n = points.count
        var slotOfRoot = [Int](repeating: -1, count: n)
        var members: [[Int]] = []
        var coreCounts: [Int] = []
        var firstDays: [Int] = []
        var lastDays: [Int] = []
        var lowest: [(id: Int64, index: Int)] = []
        var slotOfPoint = [Int](repeating: -1, count: n)
        for i in 0..<n {
            let anchor: Int
            if isCore[i] {
                anchor = i
            } else if let core = nearestCore[i] {
                anchor = core
            } else {
                continue
            }
            let root = components.find(anchor)
            var slot = slotOfRoot[root]
            if slot < 0 {
                slot = members.count
                slotOfRoot[root] = slot
                members.append([])
                coreCounts.append(0)
                firstDays.append(points[i].day)
                lastDays.append(points[i].day)
                lowest.append((points[i].id, i))
            }
            slotOfPoint[i] = slot
            members[slot].append(i)
            if isCore[i] { coreCounts[slot] += 1 }
            firstDays[slot] = min(firstDays[slot], points[i].day)
            lastDays[slot] = max(lastDays[slot], points[i].day)
            if points[i].id < lowest[slot].id { lowest[slot] = (points[i].id, i) }
        }
        let ranked = members.indices.sorted { a, b in
            (firstDays[a], lowest[a].id, lowest[a].index) < (firstDays[b], lowest[b].id, lowest[b].index)
        }
        var idOfSlot = [Int](repeating: 0, count: members.count)
        var clusters: [Cluster] = []
        clusters.reserveCapacity(members.count)
        for (position, slot) in ranked.enumerated() {
            idOfSlot[slot] = position + 1
            clusters.append(Cluster(
                id: position + 1, memberIndices: members[slot], coreCount: coreCounts[slot],
                firstDay: firstDays[slot], lastDay: lastDays[slot]
            ))
        }
        let labels: [Int?] = slotOfPoint.map { $0 < 0 ? nil : idOfSlot[$0] }
        return ClusteringResult(labels: labels, isCore: isCore, clusters: clusters)
    }
}
