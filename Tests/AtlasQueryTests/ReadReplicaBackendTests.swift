import AtlasModel
import AtlasQuery
import AtlasStore
import AtlasTestSupport
import Testing

/// `ReadReplicaBackend` over two different stores, so each answer shows where it came from:
/// every read is the replica's answer, every write lands on the primary only.
@Suite struct ReadReplicaBackendTests {
    @Test func readsComeFromTheReplicaAndWritesGoToThePrimary() throws {
        let primary = try QueryTestDatabase(count: 40, seed: 1)
        let replica = try QueryTestDatabase(count: 70, seed: 2)
        let (primaryBackend, replicaBackend) = (SpatiaLiteBackend(database: primary.database), SpatiaLiteBackend(database: replica.database))
        let backend = ReadReplicaBackend(primary: primaryBackend, replica: replicaBackend)
        #expect(try backend.incidents.count(IncidentQuery()) == 70)
        #expect(try backend.incidents.matches(IncidentQuery()).map(\.id) == replica.incidents.compactMap(\.id))
        #expect(try backend.incidents.incidentGeneration() == replicaBackend.incidents.incidentGeneration())
        #expect(try backend.regions.regionNames() == replicaBackend.regions.regionNames())
        #expect(backend.location == "\(primary.path) (reads from \(replica.path))")

        var added = SeededIncidents.make(count: 3, seed: 9)
        for index in added.indices { added[index].sourceKey = "replica-test-\(index)" }
        let ids = try backend.writer.insert(added)
        #expect(try primaryBackend.incidents.count(IncidentQuery()) == 43)
        #expect(try replicaBackend.incidents.count(IncidentQuery()) == 70)
        #expect(try backend.writer.ids(sourceKeys: added.map(\.sourceKey)) == ids.map { Optional($0) })
        #expect(try backend.writer.delete(id: ids[0]))
        #expect(try primaryBackend.incidents.incident(id: ids[0]) == nil)
    }
}
