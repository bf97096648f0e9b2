import AtlasModel
import AtlasQuery
import GRDB

/// The SpatiaLite gazetteer's `PlaceNameLookup`: spellings from the `NameIndex` sidecar, places
/// from the `place` table on the caller's connection.
struct NameIndexLookup: PlaceNameLookup {
    let db: Database
    let index: NameIndex

    func spellings(key: String) throws -> [PlaceSpelling] {
        index.entries(key: key).map(spelling)
    }

    func spellings(skeleton: String, limit: Int) throws -> [PlaceSpelling] {
        index.entries(skeleton: skeleton, limit: limit).map(spelling)
    }

    func spellings(keyPrefix prefix: String, keyLengths: ClosedRange<Int>, limit: Int) throws -> [PlaceSpelling] {
        index.entries(keyPrefix: prefix, keyLengths: keyLengths, limit: limit).map(spelling)
    }

    func places(ids: [Int64]) throws -> [Int64: Place] {
        ids.count == 1 ? try PlaceRow.fetch(id: ids[0], in: db).map { [$0.id: $0] } ?? [:] : try PlaceRow.fetch(ids: ids, in: db)
    }

    private func spelling(_ number: Int) -> PlaceSpelling {
        let entry = index.entry(at: number)
        return PlaceSpelling(placeID: entry.placeID, name: entry.name, key: entry.key)
    }
}
