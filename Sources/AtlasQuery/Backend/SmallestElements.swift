/// The `capacity` smallest of the elements offered to it, under an order, in O(log capacity) an
/// offer and O(capacity) memory: what a page of `limit` matches needs out of many candidates,
/// without sorting them all.
///
/// A binary max-heap: its root is the largest element kept, so an element that is not smaller
/// than the root is refused by one comparison (most of them, once the heap is full).
struct SmallestElements<Element> {
    /// How many elements are kept at most.
    let capacity: Int
    /// True if the first argument comes before the second.
    private let ordered: (Element, Element) -> Bool
    /// The heap: every element is not before its children.
    private var heap: [Element] = []

    /// A selection of at most `capacity` elements (0 keeps none) under `ordered`.
    init(capacity: Int, by ordered: @escaping (Element, Element) -> Bool) {
        self.capacity = max(0, capacity)
        self.ordered = ordered
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
        } else if capacity > 0, ordered(element, heap[0]) {
            heap[0] = element
            siftDown(0)
        }
    }

    /// The kept elements in order, smallest first.
    func sorted() -> [Element] {
        heap.sorted(by: ordered)
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard ordered(heap[parent], heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            var largest = parent
            let left = 2 * parent + 1, right = left + 1
            if left < heap.count && ordered(heap[largest], heap[left]) { largest = left }
            if right < heap.count && ordered(heap[largest], heap[right]) { largest = right }
            guard largest != parent else { return }
            heap.swapAt(parent, largest)
            parent = largest
        }
    }
}
