/// Finds whether any two edges of a ring cross or touch (other than neighbours at their shared
/// vertex) by a plane sweep (Shamos and Hoey): O(n log n) comparisons for any ring.
///
/// The edges are ordered from bottom to top along a vertical line swept from west to east. Two
/// edges that cross must be next to each other in that order just before the leftmost crossing,
/// so each edge is compared only with its neighbours when it enters and, when it leaves, its two
/// neighbours with each other. The sweep stops at the first crossing it meets, before the order
/// could become inconsistent. An R-tree of the edges' boxes was tried first: rings of long edges
/// whose boxes overlap by the thousand (random star-shaped rings) made it quadratic.
struct RingSweep {
    private let ring: [Coordinate]
    private let edges: Int
    /// Edges crossing the sweep line, bottom to top. Kept in blocks of at most `blockLimit`
    /// so an insertion or removal moves a block, not the whole line (long rings can have
    /// tens of thousands of edges on one vertical line).
    private var blocks: [[Int32]] = [[]]
    private static let blockLimit = 256

    init(_ ring: [Coordinate]) {
        self.ring = ring
        edges = ring.count - 1
    }

    /// Some pair of edges (lower number first) that cross, or nil if the ring is simple.
    mutating func findCrossing() -> (Int, Int)? {
        guard edges > 2 else { return nil }
        // Events: each edge enters at its west (then south) end and leaves at the other.
        var events: [(x: Double, y: Double, leaves: Bool, edge: Int32)] = []
        events.reserveCapacity(2 * edges)
        for edge in 0..<edges {
            let (a, b) = ends(edge)
            events.append((a.longitude, a.latitude, false, Int32(edge)))
            events.append((b.longitude, b.latitude, true, Int32(edge)))
        }
        // At one point, entering edges first: an edge leaving there is then still on the line
        // and is compared with the entering ones (they touch).
        events.sort { ($0.x, $0.y, $0.leaves ? 1 : 0, $0.edge) < ($1.x, $1.y, $1.leaves ? 1 : 0, $1.edge) }
        for event in events {
            let edge = Int(event.edge)
            if !event.leaves {
                let place = insertionPoint(of: edge, x: event.x, y: event.y)
                let inserted = insert(edge, at: place)
                if let found = check(edge, around: inserted, x: event.x, y: event.y) { return found }
            } else {
                guard let place = locate(edge, x: event.x, y: event.y) else { continue }
                if let found = check(edge, around: place, x: event.x, y: event.y) { return found }
                // Its neighbours become neighbours.
                let below = previous(place).map(element), above = next(place).map(element)
                remove(at: place)
                if let below, let above, let found = pair(below, above) { return found }
            }
        }
        return nil
    }

    // MARK: - Geometry

    /// The ends of `edge`, west (then south) end first.
    private func ends(_ edge: Int) -> (Coordinate, Coordinate) {
        let a = ring[edge], b = ring[edge + 1]
        return (a.longitude, a.latitude) <= (b.longitude, b.latitude) ? (a, b) : (b, a)
    }

    /// The latitude of `edge` at longitude `x` (within its span); a vertical edge answers `y`
    /// clamped to its span, so that it sorts where the sweep point is.
    private func height(of edge: Int, x: Double, y: Double) -> Double {
        let (a, b) = ends(edge)
        if a.longitude == b.longitude { return min(max(y, a.latitude), b.latitude) }
        if x <= a.longitude { return a.latitude }
        if x >= b.longitude { return b.latitude }
        return a.latitude + (b.latitude - a.latitude) * ((x - a.longitude) / (b.longitude - a.longitude))
    }

    /// The slope of `edge` (a vertical one is steepest).
    private func slope(of edge: Int) -> Double {
        let (a, b) = ends(edge)
        return a.longitude == b.longitude ? .infinity : (b.latitude - a.latitude) / (b.longitude - a.longitude)
    }

    /// True if `edge` lies below `other` just east of the sweep point (x, y).
    private func isBelow(_ edge: Int, _ other: Int, x: Double, y: Double) -> Bool {
        let h1 = height(of: edge, x: x, y: y), h2 = height(of: other, x: x, y: y)
        if h1 != h2 { return h1 < h2 }
        let s1 = slope(of: edge), s2 = slope(of: other)
        if s1 != s2 { return s1 < s2 }
        return edge < other
    }

    /// The pair ordered by number if `a` and `b` cross (neighbours at a shared vertex do not).
    private func pair(_ a: Int, _ b: Int) -> (Int, Int)? {
        PolygonValidation.crosses(ring, a, b, edges: edges) ? (min(a, b), max(a, b)) : nil
    }

    /// Compares `edge`, at `place`, with its neighbours and with every edge on the line at the
    /// same height at x (they meet there).
    private func check(_ edge: Int, around place: Place, x: Double, y: Double) -> (Int, Int)? {
        let level = height(of: edge, x: x, y: y)
        var cursor = previous(place)
        while let current = cursor {
            let other = element(current)
            if let found = pair(edge, other) { return found }
            if height(of: other, x: x, y: y) != level { break }
            cursor = previous(current)
        }
        cursor = next(place)
        while let current = cursor {
            let other = element(current)
            if let found = pair(edge, other) { return found }
            if height(of: other, x: x, y: y) != level { break }
            cursor = next(current)
        }
        return nil
    }

    // MARK: - The sweep line

    /// A position on the sweep line: a block and an index in it.
    private struct Place: Equatable {
        var block: Int
        var index: Int
    }

    private func element(_ place: Place) -> Int { Int(blocks[place.block][place.index]) }

    private func previous(_ place: Place) -> Place? {
        if place.index > 0 { return Place(block: place.block, index: place.index - 1) }
        var block = place.block - 1
        while block >= 0 {
            if !blocks[block].isEmpty { return Place(block: block, index: blocks[block].count - 1) }
            block -= 1
        }
        return nil
    }

    private func next(_ place: Place) -> Place? {
        if place.index + 1 < blocks[place.block].count { return Place(block: place.block, index: place.index + 1) }
        var block = place.block + 1
        while block < blocks.count {
            if !blocks[block].isEmpty { return Place(block: block, index: 0) }
            block += 1
        }
        return nil
    }

    /// Where `edge` goes: after every edge below it at the sweep point. The block is the first
    /// whose last edge is not below it (else the last block), found by binary search as the
    /// index within it.
    private func insertionPoint(of edge: Int, x: Double, y: Double) -> Place {
        var low = 0, high = blocks.count - 1
        while low < high {
            let middle = (low + high) / 2
            if let last = blocks[middle].last, isBelow(Int(last), edge, x: x, y: y) { low = middle + 1 } else { high = middle }
        }
        let block = blocks[low]
        var first = 0, end = block.count
        while first < end {
            let middle = (first + end) / 2
            if isBelow(Int(block[middle]), edge, x: x, y: y) { first = middle + 1 } else { end = middle }
        }
        return Place(block: low, index: first)
    }

    /// The position of `edge` on the line: searched by height, then looked for nearby, then
    /// everywhere (rounding can put it a little off).
    private func locate(_ edge: Int, x: Double, y: Double) -> Place? {
        let guess = insertionPoint(of: edge, x: x, y: y)
        var down: Place? = guess.index < blocks[guess.block].count ? guess : previous(guess), up = down
        for _ in 0..<16 {
            if let place = down { if element(place) == edge { return place }; down = previous(place) }
            if let place = up { if element(place) == edge { return place }; up = next(place) }
        }
        for (block, edges) in blocks.enumerated() {
            if let index = edges.firstIndex(of: Int32(edge)) { return Place(block: block, index: index) }
        }
        return nil
    }

    /// Inserts `edge` at `place` and returns where it is (a full block is split).
    private mutating func insert(_ edge: Int, at place: Place) -> Place {
        blocks[place.block].insert(Int32(edge), at: place.index)
        guard blocks[place.block].count > Self.blockLimit else { return place }
        let half = Self.blockLimit / 2
        let upper = Array(blocks[place.block][half...])
        blocks[place.block].removeLast(blocks[place.block].count - half)
        blocks.insert(upper, at: place.block + 1)
        return place.index < half ? place : Place(block: place.block + 1, index: place.index - half)
    }

    private mutating func remove(at place: Place) {
        blocks[place.block].remove(at: place.index)
        if blocks[place.block].isEmpty && blocks.count > 1 { blocks.remove(at: place.block) }
    }
}
