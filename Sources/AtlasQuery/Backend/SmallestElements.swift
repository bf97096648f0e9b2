/// An order for `SmallestElements`, as a type rather than a closure, so that the heap's
/// comparisons (most of a page's cost over thousands of candidates) are inlined.
protocol SelectionOrder {
    associatedtype Element
    /// True if `a` comes before `b`.
    static func precedes(_ a: Element, _ b: Element) -> Bool
}

/// The `capacity` smallest of the elements offered to it, under `Order`, in O(log capacity) an
/// offer and O(capacity) memory: what a page of `limit` matches needs out of many candidates,
/// without sorting them all.
///
/// A binary max-heap: its root is the largest element kept, so an element that is not smaller
/// than the root is refused by one comparison (most of them, once the heap is full).
struct SmallestElements<Order: SelectionOrder> {
    typealias Element = Order.Element
    /// How many elements are kept at most.
    let capacity: Int
    /// The heap: every element is not before its children.
    private var heap: [Element] = []

    /// A selection of at most `capacity` elements (0 keeps none).
    init(capacity: Int) {
        self.capacity = max(0, capacity)
        heap.reserveCapacity(min(self.capacity, 1 << 16))
    }

    /// How many elements are kept.
    var count: Int { heap.count }

    /// True when `capacity` elements are kept: an element is then kept only in place of one.
    var isFull: Bool { heap.count >= capacity }

    /// The largest element kept, or nil when none is.
    var largest: Element? { heap.first }

    /// Keeps `element` if fewer than `capacity` are kept or it comes before the largest kept
    /// one (which is then dropped).
    mutating func offer(_ element: Element) {
        if heap.count < capacity {
            heap.append(element)
            siftUp(heap.count - 1)
        } else if capacity > 0, Order.precedes(element, heap[0]) {
            heap[0] = element
            siftDown(0)
        }
    }

    /// The kept elements in order, smallest first.
    func sorted() -> [Element] {
        heap.sorted(by: Order.precedes)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Order.precedes(heap[parent], heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var largest = parent
            let left = 2 * parent + 1, right = left + 1
            if left < heap.count && Order.precedes(heap[largest], heap[left]) { largest = left }
            if right < heap.count && Order.precedes(heap[largest], heap[right]) { largest = right }
            guard largest != parent else { return }
            heap.swapAt(parent, largest)
            parent = largest
        }
    }
}

/// Incident positions by id.
enum PositionsByID: SelectionOrder {
    static func precedes(_ a: IncidentPosition, _ b: IncidentPosition) -> Bool { a.id < b.id }
}
