import AtlasModel
import Testing

/// Expects `found` to be the oracle's `expected` answer to `query`: the same ids in the same
/// order, and the same distances where either side has one (Vincenty, the search, and Karney,
/// the oracle, agree to well under a millimetre).
func expectSameMatches(_ found: [IncidentMatch], _ expected: [IncidentMatch], _ query: IncidentQuery,
                       sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(found.map(\.id) == expected.map(\.id), "\(query)", sourceLocation: sourceLocation)
    for (a, b) in zip(found, expected) where a.distanceMeters != nil || b.distanceMeters != nil {
        #expect(abs((a.distanceMeters ?? -1) - (b.distanceMeters ?? -2)) < 1e-4, "\(query)", sourceLocation: sourceLocation)
    }
}
