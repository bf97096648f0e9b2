/// A stable key for rows without an upstream id: FNV-1a (64-bit) over the normalised fields.
/// The same content always gets the same key, so re-importing such a file adds nothing.
package enum ContentKey {
    /// `hash:` and 16 hex digits.
    package static func of(_ parts: [String]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.lowercased().utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            hash ^= 0x1F
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return "hash:" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
