/// Disjoint sets over 0..<count with path halving and union by size: the connected
/// components of core points.
struct UnionFind {
    private var parent: [Int]
    private var size: [Int]

    /// `count` singleton sets.
    init(count: Int) {
        parent = Array(0..<count)
        size = Array(repeating: 1, count: count)
    }

    /// The representative of the set holding `element`.
    mutating func find(_ element: Int) -> Int {
        var x = element
        while true {
            let p = parent[x]
            if p == x { return x }
            let grandparent = parent[p]
            parent[x] = grandparent
            x = grandparent
        }
    }

    /// Merges the sets of `a` and `b`; returns false if they were already one.
    @discardableResult
    mutating func union(_ a: Int, _ b: Int) -> Bool {
        var ra = find(a)
        var rb = find(b)
        if ra == rb { return false }
        if size[ra] < size[rb] { swap(&ra, &rb) }
        parent[rb] = ra
        size[ra] += size[rb]
        return true
    }
}
