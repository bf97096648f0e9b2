/// A static, packed R-tree of axis-aligned boxes (the bounding boxes of a ring's edges), built
/// once by sort-tile-recursive packing and queried for the boxes overlapping a box.
///
/// Validation asks it, for every edge, which other edges could touch it: O(n log n) for the
/// boundaries validation meets, where comparing every pair is O(n²) and a uniform grid degrades
/// when long edges span many cells.
struct SegmentBoxTree {
    /// A closed box: `minX ≤ maxX`, `minY ≤ maxY`.
    struct Box {
        var minX, minY, maxX, maxY: Double

        func overlaps(_ other: Box) -> Bool {
            minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
        }
    }

    /// Children per node.
    private static let fanout = 16
    /// `levels[0]` holds the items' boxes in packing order, each higher level the boxes of
    /// `fanout` consecutive nodes of the level below; the last level has one node.
    private var levels: [[Box]] = []
    /// `items[k]` is the caller's index of the box at position `k` of `levels[0]`.
    private var items: [Int] = []

    /// Packs `boxes`; their indices are what queries report.
    init(_ boxes: [Box]) {
        guard !boxes.isEmpty else { return }
        let fanout = Self.fanout
        // Sort-tile-recursive: vertical slices by centre x, each slice sorted by centre y.
        var order = Array(boxes.indices)
        order.sort { boxes[$0].minX + boxes[$0].maxX < boxes[$1].minX + boxes[$1].maxX }
        let leaves = (boxes.count + fanout - 1) / fanout
        let slices = Int(Double(leaves).squareRoot().rounded(.up))
        let sliceSize = slices * fanout
        var start = 0
        while start < order.count {
            let end = min(start + sliceSize, order.count)
            order[start..<end].sort { boxes[$0].minY + boxes[$0].maxY < boxes[$1].minY + boxes[$1].maxY }
            start = end
        }
        items = order
        var level = order.map { boxes[$0] }
        levels.append(level)
        while level.count > 1 {
            var parents: [Box] = []
            parents.reserveCapacity((level.count + fanout - 1) / fanout)
            var first = 0
            while first < level.count {
                var box = level[first]
                for child in level[(first + 1)..<min(first + fanout, level.count)] {
                    box.minX = min(box.minX, child.minX); box.minY = min(box.minY, child.minY)
                    box.maxX = max(box.maxX, child.maxX); box.maxY = max(box.maxY, child.maxY)
                }
                parents.append(box)
                first += fanout
            }
            levels.append(parents)
            level = parents
        }
    }

    /// Calls `body` with the index of every box overlapping `box` (touching counts), in no
    /// particular order.
    func forEachOverlap(of box: Box, _ body: (Int) throws -> Void) rethrows {
        guard let top = levels.indices.last else { return }
        // Pending nodes as (level, node) pairs in one flat array: a stack of tuples cost most of
        // a query in generic code.
        var pending = [top, 0]
        pending.reserveCapacity(2 * Self.fanout * levels.count)
        while !pending.isEmpty {
            let node = pending.removeLast(), level = pending.removeLast()
            if level == 0 {
                try body(items[node])
                continue
            }
            let children = levels[level - 1]
            let first = node * Self.fanout
            for child in first..<min(first + Self.fanout, children.count) where children[child].overlaps(box) {
                pending.append(level - 1)
                pending.append(child)
            }
        }
    }
}
