package extension StringProtocol {
    /// The text without leading and trailing ASCII spaces and tabs.
    ///
    /// Loaders call this per field on millions of rows; Foundation's `trimmingCharacters(in:)`
    /// bridges through NSString and cost 10 % of a gazetteer load in a profile.
    func trimmingASCIISpaces() -> String {
        let bytes = Array(utf8)
        var start = 0, end = bytes.count
        while start < end, ASCIISpace.contains(bytes[start]) { start += 1 }
        while end > start, ASCIISpace.contains(bytes[end - 1]) { end -= 1 }
        if start == 0 && end == bytes.count { return String(self) }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}

package extension String {
    /// The text without leading and trailing ASCII spaces and tabs. Most fields have nothing to
    /// trim: those come back as they are, without copying their bytes (an import trims ~30
    /// fields a row).
    func trimmingASCIISpaces() -> String {
        // The contiguous bytes of a native string: `utf8.last` through the generic collection
        // was ~1.5 % of a gazetteer load's parsing thread.
        let ends = utf8.withContiguousStorageIfAvailable { bytes in bytes.first.map { ($0, bytes[bytes.count - 1]) } }
            ?? utf8.first.map { ($0, utf8[utf8.index(before: utf8.endIndex)]) }
        guard let (first, last) = ends else { return "" }
        if !ASCIISpace.contains(first) && !ASCIISpace.contains(last) { return self }
        return self[...].trimmingASCIISpaces()
    }
}

/// The bytes `trimmingASCIISpaces` removes: space and tab.
private enum ASCIISpace {
    package static func contains(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
}
