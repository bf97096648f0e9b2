/// An order for `SmallestElements`, as a type rather than a closure, so that its comparisons
/// (a large share of a page's cost over thousands of candidates) are inlined.
protocol SelectionOrder {
    associatedtype Element
    /// True if `a` comes before `b`.
    static func precedes(_ a: Element, _ b: Element) -> Bool
}

/// The `capacity` smallest of the elements offered to it, under `Order`, in O(1) amortized
/// comparisons an offer and O(capacity) memory: what a page of `limit` matches needs out of
/// many candidates, without sorting them all.
///
/// Offers go into a buffer of up to twice `capacity`; when it is full, a selection (quickselect)
/// keeps its `capacity` smallest and their largest becomes the `cutoff`, which refuses later
/// elements by one comparison. A buffer and a linear selection cost less than a heap's
/// log(capacity) moves on every offer when many candidates improve the page (a ring's
/// candidates come in blocks of increasing distance, but in id order within a block).
struct SmallestElements<Order: SelectionOrder> {
    typealias Element = Order.Element
    /// How many elements are kept at most.
    let capacity: Int
    /// The candidates: the `capacity` smallest of the elements offered are among them.
    private var buffer: [Element] = []
    /// Nil until the buffer was first full; then an element that does not come before it cannot
    /// be among the `capacity` smallest (ties with it may be refused).
    private(set) var cutoff: Element?

    /// A selection of at most `capacity` elements (0 keeps none).
    init(capacity: Int) {
        self.capacity = max(0, capacity)
        buffer.reserveCapacity(min(compactionSize, 1 << 16))
    }

    /// The buffer's size at which it is cut back to `capacity` elements.
    private var compactionSize: Int { capacity > Int.max / 2 ? Int.max : 2 * capacity }

    /// Keeps `element` if it may be among the `capacity` smallest.
    mutating func offer(_ element: Element) {
        guard capacity > 0 else { return }
        if let cutoff, !Order.precedes(element, cutoff) { return }
        buffer.append(element)
        if buffer.count >= compactionSize {
            cutoff = keepSmallest()
        }
    }

    /// The `capacity` smallest elements offered (all of them if fewer), smallest first.
    func sorted() -> [Element] {
        Array(buffer.sorted(by: Order.precedes).prefix(capacity))
    }

    /// Cuts the buffer to its `capacity` smallest elements (Hoare's selection, the middle of
    /// three as pivot) and returns the largest of them.
    private mutating func keepSmallest() -> Element {
        let target = capacity - 1
        var low = 0, high = buffer.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            if Order.precedes(buffer[middle], buffer[low]) { buffer.swapAt(middle, low) }
            if Order.precedes(buffer[high], buffer[low]) { buffer.swapAt(high, low) }
            if Order.precedes(buffer[high], buffer[middle]) { buffer.swapAt(high, middle) }
            let pivot = buffer[middle]
            var i = low, j = high
            while i <= j {
                while Order.precedes(buffer[i], pivot) { i += 1 }
                while Order.precedes(pivot, buffer[j]) { j -= 1 }
                if i <= j {
                    buffer.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // Now [low, j] holds no element after the pivot, [i, high] none before it, and
            // anything strictly between j and i equals it.
            if target <= j {
                high = j
            } else if target >= i {
                low = i
            } else {
                break
            }
        }
        buffer.removeSubrange(capacity...)
        return buffer[target]
    }
}

/// Incident positions by id.
enum PositionsByID: SelectionOrder {
    static func precedes(_ a: IncidentPosition, _ b: IncidentPosition) -> Bool { a.id < b.id }
}
