/// Where the JSON writers (`FlatJSON`, the GeoJSON feature encoder) append bytes: a `[UInt8]`,
/// or an `OutputBytes` for a hot path of many small appends.
public protocol ByteAppending {
    /// Bytes appended so far.
    var count: Int { get }
    /// Appends one byte.
    mutating func append(_ byte: UInt8)
    /// Appends `bytes`.
    mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>)
    /// Removes the last `k` bytes.
    mutating func removeLast(_ k: Int)
}

extension Array: ByteAppending where Element == UInt8 {
    @inlinable
    public mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        append(contentsOf: bytes)
    }
}

/// A growable run of bytes written through a pointer: the body of a server page, where an
/// `Array`'s uniqueness and capacity checks, paid on each of a feature's few dozen small
/// appends, cost more than copying the bytes.
///
/// One owner, one thread: not `Sendable`. `bytes` is valid until the next change.
public final class OutputBytes: ByteAppending {
    // One owner writes it on one thread, so the runtime's exclusivity check of each access to
    // a class's stored property (most of the time of a small append) guards nothing here.
    @exclusivity(unchecked) @usableFromInline var start: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) @usableFromInline var capacity: Int
    @exclusivity(unchecked) @usableFromInline var used = 0

    /// An empty run with room for `capacity` bytes before it grows.
    public init(capacity: Int = 4096) {
        self.capacity = max(capacity, 16)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// Bytes appended so far.
    public var count: Int { used }

    /// The bytes appended so far, valid until the next change.
    public var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: start, count: used) }

    @inlinable
    public func append(_ byte: UInt8) {
        if used == capacity { grow(toHold: 1) }
        start[used] = byte
        used += 1
    }

    @inlinable
    public func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        if capacity - used < bytes.count { grow(toHold: bytes.count) }
        (start + used).initialize(from: source, count: bytes.count)
        used += bytes.count
    }

    /// Appends the UTF-8 of `text`.
    public func append(utf8 text: String) {
        var text = text
        text.withUTF8 { appendBytes($0) }
    }

    public func removeLast(_ k: Int) {
        precondition(k >= 0 && k <= used, "removing \(k) of \(used) bytes")
        used -= k
    }

    /// Empties the run, keeping its memory.
    public func removeAll() {
        used = 0
    }

    /// Makes room for `extra` more bytes: at least double the capacity, so appends stay
    /// amortised constant time.
    @usableFromInline
    func grow(toHold extra: Int) {
        let (needed, overflow) = used.addingReportingOverflow(extra)
        precondition(!overflow, "byte count overflow")
        let newCapacity = max(needed, capacity &* 2)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        moved.initialize(from: start, count: used)
        start.deallocate()
        start = moved
        capacity = newCapacity
    }
}
