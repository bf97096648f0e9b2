import AtlasGeo
import Foundation
@testable import AtlasImport
@testable import AtlasStore

/// What every parsed area must hold: finite positions on the globe (the parsers validate them),
/// and a coverage test that answers for any point.
private func checkArea(_ shape: MultiPolygon, from parser: String) {
    for polygon in shape.polygons {
        for ring in [polygon.exterior] + polygon.holes {
            for point in ring where !(point.latitude.isFinite && point.longitude.isFinite && abs(point.latitude) <= 90 && abs(point.longitude) <= 180) {
                fail("\(parser) accepted the position \(point)")
            }
        }
    }
    let box = shape.boundingBox
    _ = shape.covers(Coordinate(latitude: (box.south + box.north) / 2, longitude: (box.west + box.east) / 2))
}

/// GeoJSON text as `--polygon FILE` and `regions load` read it (areas), and as one feature of an
/// import (a row through the project's mapper). Oracles: areas hold valid positions; a row is
/// added or refused with a `RowError`.
enum GeoJSONFuzz {
    static func run(_ data: Data) {
        if let (areas, _) = try? AreaParsing.geoJSON(data) {
            for area in areas { checkArea(area.shape, from: "AreaParsing.geoJSON") }
        }
        guard case let .success(row) = JSONRow.row(fromJSON: data, line: 1) else { return }
        var batch = IncidentBatch()
        do {
            try ProjectRowMapper().append(row, to: &batch)
            guard batch.count == 1 else { fail("an accepted feature added \(batch.count) rows") }
        } catch is RowError {
            guard batch.count == 0 else { fail("a refused feature changed the batch") }
        } catch {
            fail("a feature was refused with \(type(of: error)), not a RowError: \(error)")
        }
    }
}

/// WKT text as `--polygon 'POLYGON((…))'` reads it. Oracle: valid positions.
enum WKTFuzz {
    static func run(_ data: Data) {
        guard let shape = try? AreaParsing.wkt(String(decoding: data, as: UTF8.self)) else { return }
        checkArea(shape, from: "AreaParsing.wkt")
    }
}
