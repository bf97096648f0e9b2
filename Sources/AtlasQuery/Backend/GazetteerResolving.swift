import AtlasGeo
import AtlasModel

/// What a storage backend answers about places: names in any spelling to ranked candidates,
/// and governorates.
public protocol GazetteerResolving: Sendable {
    /// Ranked candidates for `query` (a place name in any spelling), those of the governorate
    /// `admin1` first, at most `limit`.
    func find(_ query: String, in admin1: String?, limit: Int) throws -> [PlaceMatch]

    /// Names near `query` when `find` has nothing, nearest first, for error messages.
    func suggestions(for query: String, limit: Int) throws -> [PlaceMatch]

    /// The place with `id`, or nil.
    func place(id: Int64) throws -> Place?

    /// One page of the places in id order (those inside `box` when given, which may cross the
    /// antimeridian; its edges included), skipping `offset`, at most `limit`, and how many
    /// places there are in all (the `places` collection of a server).
    func places(in box: BoundingBox?, offset: Int, limit: Int) throws -> (places: [Place], numberMatched: Int)

    /// Every governorate the gazetteer knows.
    func admin1Records() throws -> [Admin1Record]

    /// The governorate `name` designates (any spelling, code or p-code) and the folded keys an
    /// incident's admin1 text may have for it (`IncidentFilter.admin1Keys`); nil if none.
    func admin1Keys(for name: String) throws -> (record: Admin1Record, keys: [String])?
}

extension GazetteerResolving {
    /// The single best place for `query`, or nil; `alternatives` are the runners-up, for messages.
    public func resolve(_ query: String, in admin1: String? = nil) throws -> (best: PlaceMatch?, alternatives: [PlaceMatch]) {
        let matches = try find(query, in: admin1, limit: 5)
        return (matches.first, Array(matches.dropFirst()))
    }
}
