import AtlasGeo
import AtlasModel
import GRDB
import Testing
@testable import AtlasStore

@Suite struct IncidentStoreTests {
    static let sheikhMaqsood = Incident(
        sourceKey: "test:1", eventDate: "2016-05-22", eventType: "Explosions/Remote violence",
        subEventType: "Shelling/artillery/missile attack", actor1: "Jabhat al-Nusra", admin1: "Aleppo",
        location: "Aleppo - Sheikh Maqsood", coordinate: Coordinate(latitude: 36.23611, longitude: 37.15167),
        geoPrecision: GeoPrecision.acled(1)!, fatalities: 2, source: "Russian Ministry of Defence",
        attributes: ["iso": "760", "inter1": "2"])

    @Test func anInsertedIncidentReadsBackUnchanged() throws {
        let test = try TestDatabase()
        let store = IncidentStore(database: test.database)
        let ids = try store.insert([Self.sheikhMaqsood])
        var expected = Self.sheikhMaqsood
        expected.id = ids[0]
        #expect(try store.incident(id: ids[0]) == expected)
        #expect(try store.incident(sourceKey: "test:1") == expected)
    }

    @Test func theSpatialIndexFindsTheInsertedPoint() throws {
        let test = try TestDatabase()
        try IncidentStore(database: test.database).insert([Self.sheikhMaqsood])
        let hits = try test.database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM idx_incident_geom
                WHERE xmin <= 37.16 AND xmax >= 37.15 AND ymin <= 36.24 AND ymax >= 36.23
                """)
        }
        #expect(hits == 1)
    }

    @Test func aDuplicateSourceKeyWritesNothing() throws {
        let test = try TestDatabase()
        let store = IncidentStore(database: test.database)
        try store.insert([Self.sheikhMaqsood])
        var other = Self.sheikhMaqsood
        other.sourceKey = "test:2"
        #expect(throws: StoreError.self) { try store.insert([other, Self.sheikhMaqsood]) }
        #expect(try store.count() == 1)
    }

    @Test func negativeFatalitiesAreRefusedByTheSchema() throws {
        let test = try TestDatabase()
        var bad = Self.sheikhMaqsood
        bad.fatalities = -1
        #expect(throws: StoreError.self) { try IncidentStore(database: test.database).insert([bad]) }
    }
}
