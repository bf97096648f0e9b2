import AtlasGeo
import AtlasImport
import AtlasModel
import AtlasStore
import AtlasTestSupport
import Foundation
import Testing
@testable import AtlasQuery

@Suite struct IncidentQueryTests {
    static let data: QueryTestDatabase = {
        do { return try QueryTestDatabase() } catch { preconditionFailure("query test database: \(error)") }
    }()

    private var reader: IncidentReader { IncidentReader(database: Self.data.database) }
    private var search: IncidentSearch { IncidentSearch(database: Self.data.database) }

    @Test(arguments: [(36.2, 37.16, 1_000.0), (36.2, 37.16, 10_000), (36.5, 37.5, 25_000), (-16.4, 179.99, 8_000)])
    func radiusEqualsABruteForceGeodesicScan(lat: Double, lon: Double, radius: Double) throws {
        let center = Coordinate(latitude: lat, longitude: lon)
        let hits = try search.matches(.within(radius, of: center))
        var expected: [(id: Int64, distance: Double)] = []
        for incident in Self.data.incidents {
            let distance = Geodesic.wgs84.distanceMeters(from: center, to: incident.coordinate)
            if distance <= radius { expected.append((incident.id!, distance)) }
        }
        expected.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id < $1.id }
        #expect(hits.map(\.id) == expected.map(\.id))
        #expect(!hits.isEmpty)
        for (hit, reference) in zip(hits, expected) { #expect(abs(hit.distanceMeters! - reference.distance) < 1e-6) }
    }

    /// The k nearest by a brute-force geodesic scan over the incidents passing `keep`.
    private func bruteForceNearest(_ center: Coordinate, _ k: Int, keep: (Incident) -> Bool = { _ in true }) -> [Int64] {
        var all: [(id: Int64, distance: Double)] = Self.data.incidents.filter(keep).map {
            ($0.id!, Geodesic.wgs84.distanceMeters(from: center, to: $0.coordinate))
        }
        all.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.id < $1.id }
        return all.prefix(k).map(\.id)
    }

    @Test(arguments: [
        (35.41167, 35.945, 7),   // Khmeimim: far from every incident
        (36.2, 37.16, 1),        // in the middle of the data: the first box already holds them
        (36.2, 37.16, 25),
        (36.55, 37.62, 40),      // near a corner of the data
        (-16.45, 179.999, 5),    // on the antimeridian
    ])
    func nearestEqualsTheKSmallestDistances(lat: Double, lon: Double, k: Int) throws {
        let center = Coordinate(latitude: lat, longitude: lon)
        let hits = try search.matches(.nearest(k, to: center))
        #expect(hits.map(\.id) == bruteForceNearest(center, k))
        for hit in hits {
            let incident = try #require(Self.data.incidents.first { $0.id == hit.id })
            #expect(abs(hit.distanceMeters! - Geodesic.wgs84.distanceMeters(from: center, to: incident.coordinate)) < 1e-6)
        }
    }

    @Test func nearestWithAFilterSkipsWhatTheFilterRejects() throws {
        let center = Coordinate(latitude: 36.2, longitude: 37.16)
        var filter = IncidentFilter()
        filter.types = try IncidentFilter.resolveTypes(["airstrike"])
        let hits = try search.matches(.nearest(12, to: center, filter: filter))
        #expect(hits.map(\.id) == bruteForceNearest(center, 12) { $0.subEventType == "Air/drone strike" })
    }

    @Test func nearestAsksForMoreThanThereAreAndGetsThemAll() throws {
        let center = Coordinate(latitude: 36.2, longitude: 37.16)
        let hits = try search.matches(.nearest(Self.data.incidents.count + 5, to: center))
        #expect(hits.count == Self.data.incidents.count)
        #expect(throws: QueryError.invalid("nearest", "must be at least 1, got 0")) { try search.matches(.nearest(0, to: center)) }
    }

    @Test func aBoxAcrossTheAntimeridianFindsBothSides() throws {
        let box = BoundingBox(west: 179.9, south: -17, east: -179.9, north: -16)
        var query = IncidentQuery()
        query.boundingBox = box
        let ids = try search.matches(query).map(\.id)
        let expected = Self.data.incidents.filter { box.contains($0.coordinate) }.map { $0.id! }.sorted()
        #expect(ids == expected)
        #expect(Set(Self.data.incidents.filter { ids.contains($0.id!) }.map { $0.coordinate.longitude > 0 }) == [true, false])
    }

    @Test func filtersCombineDatesTypesActorsAndPrecision() throws {
        var filter = IncidentFilter()
        filter.since = ISODate("2016-03-01")
        filter.until = ISODate("2016-06-30")
        filter.types = try IncidentFilter.resolveTypes(["shelling"])
        filter.actor = "NUSRA"
        filter.maxGeoPrecision = 2
        var query = IncidentQuery()
        query.filter = filter
        var found: [Int64] = []
        try search.forEachIncident(query) { incident, _ in found.append(incident.id!) }
        let expected = Self.data.incidents.filter {
            $0.eventDate >= "2016-03-01" && $0.eventDate <= "2016-06-30" && $0.subEventType == "Shelling/artillery/missile attack"
                && $0.actor1.lowercased().contains("nusra") && $0.geoPrecision.level <= 2
        }.map { $0.id! }
        #expect(found == expected)
        #expect(!found.isEmpty)
    }

    @Test func anInjectionAttemptIsJustAnActorName() throws {
        var filter = IncidentFilter()
        filter.actor = "'); DROP TABLE incident;--"
        var query = IncidentQuery()
        query.filter = filter
        var found = 0
        try search.forEachIncident(query) { _, _ in found += 1 }
        #expect(found == Self.data.incidents.count / 4)
        #expect(try IncidentStore(database: Self.data.database).count() == Self.data.incidents.count)
    }

    @Test func unknownTypesNameTheClosestValidOne() {
        #expect(throws: FilterError.unknownType("shellng", closest: "shelling")) {
            try IncidentFilter.resolveTypes(["shellng"])
        }
    }

    @Test func weeklyStatsStartOnMondayAndAddUp() throws {
        let groups = try search.counts(by: .week, IncidentQuery())
        #expect(groups.reduce(0) { $0 + $1.count } == Self.data.incidents.count)
        #expect(groups.allSatisfy { ISODate($0.key)?.isoWeekday == 1 })
        var expected: [String: Int] = [:]
        for incident in Self.data.incidents { expected[ISODate(incident.eventDate)!.startOfISOWeek.description, default: 0] += 1 }
        #expect(Dictionary(uniqueKeysWithValues: groups.map { ($0.key, $0.count) }) == expected)
        let deaths = try search.counts(by: .admin1, IncidentQuery()).reduce(0) { $0 + $1.fatalities }
        #expect(deaths == Self.data.incidents.reduce(0) { $0 + $1.fatalities })
    }

    @Test func geoJSONIsAnRFC7946FeatureCollectionWithLonLatAndDistances() throws {
        let center = Coordinate(latitude: 36.2, longitude: 37.16)
        let hits = try search.matches(.within(3_000, of: center))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("near-\(UUID()).geojson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = IncidentWriter(format: .geojson, sink: try ByteSink.file(path), precision: 6, withDistance: true)
        try writer.begin()
        var index = 0
        try reader.forEachIncident(ids: hits.map(\.id)) { try writer.write($0, distanceMeters: hits[index].distanceMeters!); index += 1 }
        try writer.end()
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        #expect(object?["type"] as? String == "FeatureCollection")
        #expect(object?["crs"] == nil)
        let features = try #require(object?["features"] as? [[String: Any]])
        #expect(features.count == hits.count)
        let first = try #require(features.first)
        #expect((first["id"] as? NSNumber)?.int64Value == hits[0].id)
        let coordinates = try #require((first["geometry"] as? [String: Any])?["coordinates"] as? [Double])
        let incident = try #require(Self.data.incidents.first { $0.id == hits[0].id })
        #expect(abs(coordinates[0] - incident.coordinate.longitude) < 1e-6)
        #expect(abs(coordinates[1] - incident.coordinate.latitude) < 1e-6)
        let properties = try #require(first["properties"] as? [String: Any])
        #expect(abs((properties["distance_m"] as? Double ?? -1) - hits[0].distanceMeters!) < 0.01)
        #expect(properties["source_key"] as? String == incident.sourceKey)
    }

    @Test func csvQuotesTextWithCommasAndReadsBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = IncidentWriter(format: .csv, sink: try ByteSink.file(path))
        try writer.begin()
        var incident = Self.data.incidents[0]
        incident.notes = "two, \"quoted\"\nlines"
        try writer.write(incident)
        try writer.end()
        let reader = try CSVReader(path: path)
        let header = try #require(try reader.next())
        let row = try #require(try reader.next())
        #expect(header.fields == IncidentWriter.csvColumns)
        #expect(row.fields[header.fields.firstIndex(of: "notes")!] == "two, \"quoted\"\nlines")
    }
}

@Suite struct AreaQueryTests {
    @Test func anAreaWithAHoleSelectsWhatABruteForceCoversTestSelects() throws {
        let data = IncidentQueryTests.data
        let area = try AreaParsing.wkt("POLYGON((36.9 35.9, 37.5 35.9, 37.5 36.5, 36.9 36.5, 36.9 35.9), (37.1 36.1, 37.1 36.3, 37.3 36.3, 37.3 36.1, 37.1 36.1))")
        var query = IncidentQuery()
        query.areas = [area]
        var found: [Int64] = []
        try IncidentSearch(database: data.database).forEachIncident(query) { incident, _ in found.append(incident.id!) }
        let expected = data.incidents.filter { area.covers($0.coordinate) }.map { $0.id! }
        #expect(found == expected)
        #expect(!found.isEmpty)
        #expect(found.count < data.incidents.count / 2)
    }

    @Test func aLoadedRegionIsFoundByAnySpellingOfItsName() throws {
        let data = IncidentQueryTests.data
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("regions-\(UUID()).geojson").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Al-Khalidiyah sector"},
             "geometry":{"type":"MultiPolygon","coordinates":[[[[37.0,36.0],[37.0,36.4],[37.4,36.4],[37.4,36.0],[37.0,36.0]]]]}}]}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let store = RegionStore(database: data.database)
        let report = try store.load(path, nameProperty: "name")
        #expect(report.loaded == 1)
        let region = try #require(try store.region(named: "Khalidiya Sector"))
        #expect(region.name == "Al-Khalidiyah sector")
        #expect(region.shape.covers(Coordinate(latitude: 36.2, longitude: 37.2)))
        #expect(!region.shape.covers(Coordinate(latitude: 36.5, longitude: 37.2)))
    }
}

@Suite struct PointIndexTests {
    @Test func thePackedIndexAnswersLikeTheRTreeAndFollowsEveryChange() throws {
        let data = try QueryTestDatabase(count: 800, seed: 7)
        let reader = IncidentReader(database: data.database)
        let search = IncidentSearch(database: data.database)
        let center = Coordinate(latitude: 36.2, longitude: 37.16)
        for radius in [500.0, 5_000, 30_000] {
            let packed = try search.matches(.within(radius, of: center))
            #expect(packed == (try reader.withinRadiusThroughRTree(of: center, radiusMeters: radius)))
        }
        #expect(FileManager.default.fileExists(atPath: data.path + ".points"))
        defer { try? FileManager.default.removeItem(atPath: data.path + ".points") }

        // A new incident at the centre bumps the generation: the next query rebuilds and finds it.
        let ids = try IncidentStore(database: data.database).insert([
            Incident(sourceKey: "late", eventDate: "2016-05-22", eventType: "Battles", coordinate: center),
        ])
        let after = try search.matches(.within(500, of: center))
        #expect(after.first == IncidentMatch(id: ids[0], coordinate: center, distanceMeters: 0))
        #expect(after == (try reader.withinRadiusThroughRTree(of: center, radiusMeters: 500)))

        // An import (triggers suspended, generation bumped once) is seen too.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("late-\(UUID()).csv").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "source_key,event_date,event_type,latitude,longitude\nimp1,2016-05-23,clash,36.2001,37.1601\n".write(toFile: file, atomically: true, encoding: .utf8)
        _ = try IncidentImporter(database: data.database).importFile(file)
        let imported = try search.matches(.within(500, of: center))
        #expect(imported.count == after.count + 1)
    }

    @Test func aCorruptSidecarIsRebuiltNotTrusted() throws {
        let data = try QueryTestDatabase(count: 200, seed: 9)
        defer { try? FileManager.default.removeItem(atPath: data.path + ".points") }
        try Data("not an index".utf8).write(to: URL(fileURLWithPath: data.path + ".points"))
        let reader = IncidentReader(database: data.database)
        let search = IncidentSearch(database: data.database)
        let center = Coordinate(latitude: 36.2, longitude: 37.16)
        let hits = try search.matches(.within(20_000, of: center))
        #expect(hits == (try reader.withinRadiusThroughRTree(of: center, radiusMeters: 20_000)))
        #expect(!hits.isEmpty)
    }
}
