import Foundation
@testable import AtlasStore

/// A GeoNames dump line through both load paths. Oracles: the byte parser's record equals the
/// general parser's; the bulk packer stores exactly the batch bytes, rows and name-index
/// spellings the general path (`record`, `foldedNames`, `PackedPlaces.append`) stores, or hands
/// the line to it.
enum GeoNamesFuzz {
    static func run(_ data: Data) {
        // The loader splits the dump at newlines; a line never holds one.
        let line = Array(data.prefix { $0 != 0x0A })
        line.withUnsafeBufferPointer { bytes in
            let general = GeoNamesDumpParser.parse(String(decoding: bytes, as: UTF8.self), source: "geonames")
            if let fast = GeoNamesDumpParser.parse(bytes: bytes, source: "geonames") {
                guard case let .success(record) = general, record == fast else {
                    fail("parse(bytes:) gave \(fast) but the general parser \(general)")
                }
            }
            comparePacking(bytes, general: general)
        }
    }

    private static func comparePacking(_ line: UnsafeBufferPointer<UInt8>, general: Result<PlaceRecord, FieldError>) {
        var packedBatch = PackedPlaces(capacity: 4), generalBatch = PackedPlaces(capacity: 4)
        var packedNames = NameIndexBuilder(), generalNames = NameIndexBuilder()
        var packer = GeoNamesLinePacker()
        do {
            let outcome = try packer.pack(line, source: "geonames", into: &packedBatch) { name, key in
                try packedNames.add(placeID: 1, nameBytes: name, keyBytes: key)
            }
            if case let .success(record) = general {
                generalBatch.append(record, folded: record.foldedNames)
                try generalNames.add(placeID: 1, names: record.foldedNames)
                if outcome == .needsRecord {
                    packedBatch.append(record, folded: record.foldedNames)
                    try packedNames.add(placeID: 1, names: record.foldedNames)
                }
            } else if outcome != .needsRecord {
                fail("the packer took a line the general parser rejects: \(general)")
            }
        } catch {
            // Both paths add the same spellings, so they fail alike; a name index error is a
            // refusal, not a crash.
            return
        }
        guard packedBatch.bytes == generalBatch.bytes else { fail("batch bytes differ between the packer and the general path") }
        let rows = { (batch: PackedPlaces) in batch.items.compactMap { item -> PackedPlaces.Row? in
            if case let .place(row) = item { return row } else { return nil }
        } }
        guard rows(packedBatch) == rows(generalBatch) else { fail("batch rows differ between the packer and the general path") }
        guard packedNames.pool == generalNames.pool else { fail("name index spellings differ between the packer and the general path") }
        let entries = { (names: NameIndexBuilder) in names.entries.map { [$0.placeID, Int64($0.keyOffset), Int64($0.keyLength), Int64($0.nameOffset), Int64($0.nameLength), Int64($0.skeletonOffset), Int64($0.skeletonLength)] } }
        guard entries(packedNames) == entries(generalNames) else { fail("name index entries differ between the packer and the general path") }
    }
}
