import AtlasGeo
@testable import AtlasQuery

/// A brute-force O(n²) DBSCAN with the same rules as `DBSCAN` (nearest-core border points,
/// stable numbering), written independently of the grid to check it.
enum ClusteringReference {
    /// All pairwise haversine distances, metres, of `points` (row-major n × n).
    static func distanceMatrix(_ points: [ClusterPoint]) -> [Double] {
        let n = points.count
        var matrix = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                let d = Haversine.distanceMeters(from: points[i].coordinate, to: points[j].coordinate)
                matrix[i * n + j] = d
                matrix[j * n + i] = d
            }
        }
        return matrix
    }

    /// Labels (stable ids) and core flags by brute force.
    static func cluster(
        _ points: [ClusterPoint], distances: [Double], epsMeters: Double, minPoints: Int, maxDays: Int?
    ) -> (labels: [Int?], isCore: [Bool]) {
        let n = points.count
        func neighbours(_ i: Int, _ j: Int) -> Bool {
            if let maxDays, abs(points[i].day - points[j].day) > maxDays { return false }
            return distances[i * n + j] <= epsMeters
        }
        var isCore = [Bool](repeating: false, count: n)
        for i in 0..<n {
            var count = 0
            for j in 0..<n where neighbours(i, j) { count += 1 }
            isCore[i] = count >= minPoints
        }
        // Components of core points by breadth-first search.
        var component = [Int](repeating: -1, count: n)
        var componentCount = 0
        for start in 0..<n where isCore[start] && component[start] < 0 {
            component[start] = componentCount
            var queue = [start]
            var head = 0
            while head < queue.count {
                let i = queue[head]
                head += 1
                for j in 0..<n where isCore[j] && component[j] < 0 && neighbours(i, j) {
                    component[j] = componentCount
                    queue.append(j)
                }
            }
            componentCount += 1
        }
        // Border points: nearest core, ties to lower id then lower index.
        for i in 0..<n where !isCore[i] {
            var best: Int? = nil
            for j in 0..<n where isCore[j] && neighbours(i, j) {
                guard let b = best else { best = j; continue }
                let dj = distances[i * n + j], db = distances[i * n + b]
                if dj < db || (dj == db && (points[j].id, j) < (points[b].id, b)) { best = j }
            }
            if let best { component[i] = component[best] }
        }
        // Number by (first day, lowest id, its index).
        var keys = [(day: Int, id: Int64, index: Int)](repeating: (Int.max, Int64.max, Int.max), count: componentCount)
        for i in 0..<n where component[i] >= 0 {
            let c = component[i]
            let key = keys[c]
            keys[c] = (min(key.day, points[i].day), key.id, key.index)
            if (points[i].id, i) < (key.id, key.index) { keys[c].id = points[i].id; keys[c].index = i }
        }
        let ranked = (0..<componentCount).sorted { keys[$0] < keys[$1] }
        var idOf = [Int](repeating: 0, count: componentCount)
        for (position, c) in ranked.enumerated() { idOf[c] = position + 1 }
        return (component.map { $0 < 0 ? nil : idOf[$0] }, isCore)
    }
}
