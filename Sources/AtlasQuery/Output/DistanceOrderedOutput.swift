import AtlasModel

/// Writes the whole rows of distance-query hits (`near`, `nearest`) in hit order, i.e. nearest
/// first, through an `IncidentWriter`.
///
/// A large answer in a streaming format goes through `RankedRecordSpill`: the rows are read in
/// id order (one scan of the table when they are dense, see
/// `IncidentReader.forEachIncident(sortedIDs:)`), encoded as they come, and written back in
/// distance order from the spill. Reading rows by id in distance order instead costs one B-tree
/// descent and a random page per row, which made up most of a 50 km answer's time. A small
/// answer, or a table or ACLED output, is read by id in hit order.
public enum DistanceOrderedOutput {
    /// From this many hits on, streaming formats go through the spill.
    public static let defaultSpillThreshold = 8192

    /// Writes `hits` (sorted by distance) with `writer`, between its `begin()` and `end()`,
    /// which the caller makes; each record carries its `distance_m`.
    ///
    /// - parameters:
    ///   - withAttributes: decode the upstream extra columns (only ACLED output needs them).
    ///   - spillThreshold: the hit count from which the spill is used.
    public static func write(_ hits: [IncidentMatch], reader: any IncidentSearching, writer: IncidentWriter, withAttributes: Bool = false,
                             spillThreshold: Int = defaultSpillThreshold) throws {
        guard hits.count >= spillThreshold && writer.writesSeparateRecords else {
            var index = 0
            try reader.forEachIncident(ids: hits.map(\.id), withAttributes: withAttributes) { incident in
                while index < hits.count && hits[index].id != incident.id { index += 1 }
                try writer.write(incident, distanceMeters: index < hits.count ? hits[index].distanceMeters : nil)
            }
            return
        }
        let ranksByID = hits.indices.sorted { hits[$0].id < hits[$1].id }
        let spill = try RankedRecordSpill(count: hits.count)
        var cursor = 0
        var record: [UInt8] = []
        record.reserveCapacity(4096)
        try reader.forEachIncident(sortedIDs: ranksByID.map { hits[$0].id }, withAttributes: withAttributes) { incident in
            while cursor < ranksByID.count && hits[ranksByID[cursor]].id != incident.id { cursor += 1 }
            guard cursor < ranksByID.count else { return }
            let rank = ranksByID[cursor]
            record.removeAll(keepingCapacity: true)
            writer.encodeRecord(incident, distanceMeters: hits[rank].distanceMeters, into: &record)
            try spill.append(rank: rank, record: record)
        }
        try spill.replay { try writer.writeRecord($0) }
    }
}
