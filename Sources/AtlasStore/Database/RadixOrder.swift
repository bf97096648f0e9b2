/// Stable orders of 32-bit keys by least-significant-digit radix sort, a byte a pass.
///
/// Why: packing the R*Tree of a million points sorts a million keys three times (by x, by y in
/// each slab, the leaves by row id). The standard library's sort, a merge sort on any element,
/// spent ~0.3 s on them on this machine. Here each key travels with its position in one 64-bit
/// number (key in the high half), so a pass reads the numbers front to back and deals them into
/// 256 runs; a byte that every key shares orders nothing and is skipped.
enum RadixOrder {
    /// The positions of `keys` in ascending key order, equal keys in their given order (what a
    /// stable sort gives). At most 2³² keys.
    static func stableOrder(of keys: [UInt32]) -> [Int] {
        var numbers = keys.enumerated().map { UInt64($1) << 32 | UInt64(truncatingIfNeeded: $0) }
        sortByHighHalf(&numbers)
        return numbers.map { Int($0 & 0xFFFF_FFFF) }
    }

    /// The positions of `keys` in ascending order, equal keys in their given order: by radix
    /// when the keys span less than 2³² (the row ids of a load do), else by the standard sort.
    static func stableOrder(of keys: [Int64]) -> [Int] {
        guard let low = keys.min(), let high = keys.max() else { return [] }
        let (span, overflow) = high.subtractingReportingOverflow(low)
        guard !overflow, span <= Int64(UInt32.max) else { return keys.indices.sorted { keys[$0] < keys[$1] } }
        return stableOrder(of: keys.map { UInt32(truncatingIfNeeded: $0 &- low) })
    }

    /// `value` as an unsigned number that orders as the floats do (for finite values and
    /// infinities; `-0` and `+0` become the same number, as they compare equal). Not for NaN.
    static func orderedBits(_ value: Float) -> UInt32 {
        let bits = (value + 0).bitPattern  // + 0 turns -0 into +0
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }

    /// Sorts `numbers` by their high 32 bits, stably (the low halves, the positions, break no tie:
    /// equal keys keep their order because every pass keeps it).
    private static func sortByHighHalf(_ numbers: inout [UInt64]) {
        guard numbers.count > 1 else { return }
        let first = numbers[0]
        var varying: UInt64 = 0
        for number in numbers { varying |= number ^ first }
        var scratch = [UInt64](repeating: 0, count: numbers.count)
        var starts = [Int](repeating: 0, count: 256)
        for byte in 4..<8 where (varying >> (8 * UInt64(byte))) & 0xFF != 0 {
            let shift = 8 * UInt64(byte)
            for index in 0..<256 { starts[index] = 0 }
            for number in numbers { starts[Int((number >> shift) & 0xFF)] += 1 }
            var total = 0
            for index in 0..<256 {
                let count = starts[index]
                starts[index] = total
                total += count
            }
            numbers.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    for number in source {
                        let bucket = Int((number >> shift) & 0xFF)
                        target[starts[bucket]] = number
                        starts[bucket] += 1
                    }
                }
            }
            swap(&numbers, &scratch)
        }
    }
}
