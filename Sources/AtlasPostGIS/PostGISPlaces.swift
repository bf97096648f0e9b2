import AtlasModel
import AtlasQuery

/// The gazetteer and regions of a PostGIS store: not loaded on PostGIS yet, so no name
/// resolves and no region exists. Queries by position (`--at LAT,LON`, boxes, polygons) work;
/// names must be resolved against a SpatiaLite store's gazetteer.
struct PostGISPlaces: GazetteerResolving, RegionProviding {
    func find(_ query: String, in admin1: String?, limit: Int) throws -> [PlaceMatch] { [] }
    func suggestions(for query: String, limit: Int) throws -> [PlaceMatch] { [] }
    func place(id: Int64) throws -> Place? { nil }
    func admin1Records() throws -> [Admin1Record] { [] }
    func admin1Keys(for name: String) throws -> (record: Admin1Record, keys: [String])? { nil }
    func region(named name: String) throws -> Region? { nil }
    func regionNames() throws -> [String] { [] }
}
