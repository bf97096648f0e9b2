/// Stable orders of unsigned 64-bit keys by least-significant-digit radix sort, a byte a pass.
///
/// Why: packing the R*Tree of a million points sorts a million keys three times (by x, by y in
/// each slab, the leaves by row id). The standard library's sort, a merge sort on any element,
/// spent ~0.3 s on them on this machine; a radix sort does a counting pass and a scatter per
/// byte that varies, and for the row ids of one load (a narrow range) only two or three bytes do.
enum RadixOrder {
    /// The positions of `keys` in ascending key order, equal keys in their given order (what a
    /// stable sort gives).
    static func stableOrder(of keys: [UInt64]) -> [Int] {
        let count = keys.count
        guard count > 1 else { return Array(0..<count) }
        // Which bytes differ at all: a byte every key shares orders nothing and is skipped.
        let first = keys[0]
        var varying: UInt64 = 0
        for key in keys { varying |= key ^ first }
        var order = Array(0..<count)
        guard varying != 0 else { return order }
        var scratch = [Int](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: 256)
        for byte in 0..<8 where (varying >> (8 * UInt64(byte))) & 0xFF != 0 {
            let shift = 8 * UInt64(byte)
            for index in 0..<256 { counts[index] = 0 }
            for key in keys { counts[Int((key >> shift) & 0xFF)] += 1 }
            var total = 0
            for index in 0..<256 {
                let bucket = counts[index]
                counts[index] = total
                total += bucket
            }
            // Scatter in the current order: keys equal in this byte keep their relative order,
            // which is what makes the passes together a sort by the whole key.
            for position in order {
                let bucket = Int((keys[position] >> shift) & 0xFF)
                scratch[counts[bucket]] = position
                counts[bucket] += 1
            }
            swap(&order, &scratch)
        }
        return order
    }

    /// `value` as an unsigned number that orders as the floats do (for finite values and
    /// infinities; `-0` and `+0` become the same number, as they compare equal). Not for NaN.
    static func orderedBits(_ value: Float) -> UInt64 {
        let bits = (value + 0).bitPattern  // + 0 turns -0 into +0
        return UInt64(bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000)
    }

    /// `value` as an unsigned number that orders as the signed integers do.
    static func orderedBits(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: value) ^ (1 << 63)
    }
}
