import AtlasGeo
import AtlasModel
import AtlasQuery

/// The one translation from OGC API query parameters to an `IncidentQuery`: every endpoint
/// that selects incidents (items, clusters, stats) goes through here, so the server asks the
/// query layer exactly what the CLI would for the same words.
///
/// Parsing (`init`) is pure and runs on the event loop; the names that need the database
/// (`near=PLACE`, `within`, `admin1`) are resolved by `query(in:)` on a worker thread.
struct ItemsRequest: Sendable {
    /// Everything that needs no database.
    var query = IncidentQuery()
    /// `near` when it names a place rather than a position.
    var nearPlace: String?
    /// `within`: a loaded region, else a governorate.
    var within: String?
    /// `admin1`: a governorate in any spelling or code.
    var admin1: String?
    /// The parameters as given, for the paging links (without `after`, `before` and `limit`).
    var linkParameters: [(String, String)] = []
    /// The page size.
    var limit = ParameterCatalog.defaultLimit

    /// The parameters of an incidents selection (`items`, `clusters`, `stats` add their own).
    static let selectionParameters = ParameterCatalog.incidentFilters

    /// Reads the selection parameters of `parameters`.
    ///
    /// - parameters:
    ///   - paged: read `limit`, `after` and `before` too (items), else the whole selection counts.
    ///   - near: read `near` and its radius `km` (clusters use `km` for their own radius).
    /// - throws: `Problem` 400 naming the parameter at fault.
    init(_ parameters: QueryParameters, paged: Bool, near readsNear: Bool = true) throws {
        var filter = IncidentFilter()
        if let text = parameters["bbox"] { query.boundingBox = try ParameterValues.bbox(text) }
        if let text = parameters["datetime"] { (filter.since, filter.until) = try ParameterValues.datetime(text) }
        filter.types = try Self.types(event: parameters["event_type"], sub: parameters["sub_event_type"])
        if let text = parameters["actor"] { filter.actor = try Self.nonEmpty("actor", text) }
        if let text = parameters["source"] { filter.source = try Self.nonEmpty("source", text) }
        if let text = parameters["geo_precision"] { filter.maxGeoPrecision = try ParameterValues.integer("geo_precision", text, in: 1...3) }
        if let text = parameters["admin1"] { admin1 = try Self.nonEmpty("admin1", text) }
        if let text = parameters["within"] { within = try Self.nonEmpty("within", text) }
        if !readsNear {
            // `near` and `km` are not among the endpoint's names: the parser refused `near` already.
        } else if let text = parameters["near"] {
            let near = try Self.nonEmpty("near", text)
            if let position = try ParameterValues.position(near) { query.center = position } else { nearPlace = near }
            query.radiusMeters = 1000 * (try parameters["km"].map { try ParameterValues.number("km", $0, in: 0.001...20_000) } ?? 10)
        } else if parameters["km"] != nil {
            throw Problem.badRequest("km is the radius of near; give near=LAT,LON or near=PLACE with it")
        }
        query.filter = filter
        if paged {
            if let text = parameters["limit"] { limit = try ParameterValues.integer("limit", text, in: 1...ParameterCatalog.maximumLimit) }
            query.limit = limit
            query.after = try Self.cursor("after", parameters, link: "next")
            query.before = try Self.cursor("before", parameters, link: "prev")
        }
        linkParameters = parameters.values.filter { !["after", "before", "limit", "f"].contains($0.key) }
            .sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// The query with every name resolved in `backend`.
    ///
    /// - throws: `Problem` 400 for a place, region or governorate nobody knows.
    func query(in backend: any AtlasBackend) throws -> IncidentQuery {
        var query = self.query
        let gazetteer = backend.gazetteer
        if let nearPlace {
            let resolved: (best: PlaceMatch?, alternatives: [PlaceMatch])
            do { resolved = try gazetteer.resolve(nearPlace) } catch let error as GazetteerError {
                throw Problem.badRequest("near: \(error)")
            }
            guard let best = resolved.best else {
                let closest = try gazetteer.suggestions(for: nearPlace, limit: 3).map(\.place.name)
                throw Problem.badRequest("near: no place matches '\(QueryParameters.shown(nearPlace))' in the gazetteer"
                    + (closest.isEmpty ? "" : "; closest: " + closest.joined(separator: ", ")))
            }
            query.center = best.place.coordinate
        }
        if let within {
            if let stored = try backend.regions.region(named: within) {
                query.areas.append(stored.shape)
            } else {
                query.filter.admin1Keys = try Self.governorateKeys("within", within, in: gazetteer, narrowing: query.filter.admin1Keys)
            }
        }
        if let admin1 {
            query.filter.admin1Keys = try Self.governorateKeys("admin1", admin1, in: gazetteer, narrowing: query.filter.admin1Keys)
        }
        do { try query.validate() } catch { throw Problem.badRequest("\(error)") }
        return query
    }

    /// The folded keys of governorate `name`; with `narrowing` already set, only the keys in
    /// both (two governorates that differ keep nothing, as they should).
    private static func governorateKeys(_ parameter: String, _ name: String, in gazetteer: any GazetteerResolving,
                                        narrowing: [String]) throws -> [String] {
        guard let match = try gazetteer.admin1Keys(for: name) else {
            let known = try gazetteer.admin1Records().map(\.name)
            throw Problem.badRequest("\(parameter): no region or governorate named '\(QueryParameters.shown(name))'; governorates: "
                + known.joined(separator: ", "))
        }
        guard !narrowing.isEmpty else { return match.keys }
        let both = Set(narrowing).intersection(match.keys).sorted()
        // An empty key list keeps everything; a key no admin1 folds to keeps nothing.
        return both.isEmpty ? ["\u{0}"] : both
    }

    /// `event_type` and `sub_event_type` together: a sub-event type must lie under the event
    /// type when both are given.
    private static func types(event: String?, sub: String?) throws -> [EventTaxonomy.Resolved] {
        func resolve(_ parameter: String, _ text: String) throws -> EventTaxonomy.Resolved {
            guard let resolved = EventTaxonomy.resolve(text) else {
                throw Problem.badRequest("\(parameter) '\(QueryParameters.shown(text))' is not an ACLED type; did you mean '\(EventTaxonomy.closest(to: String(text.prefix(60))))'?")
            }
            return resolved
        }
        let eventType = try event.map { try resolve("event_type", $0) }
        let subEventType = try sub.map { try resolve("sub_event_type", $0) }
        if case .subEventType? = eventType { throw Problem.badRequest("event_type '\(event ?? "")' is a sub-event type; pass it as sub_event_type") }
        if case .eventType? = subEventType { throw Problem.badRequest("sub_event_type '\(sub ?? "")' is an event type; pass it as event_type") }
        switch (eventType, subEventType) {
        case let (.eventType(name)?, .subEventType(subType)?):
            guard subType.eventType == name else {
                throw Problem.badRequest("sub_event_type '\(subType.name)' is under '\(subType.eventType)', not '\(name)'")
            }
            return [.subEventType(subType)]
        default:
            return [eventType, subEventType].compactMap { $0 }
        }
    }

    /// The paging cursor `name` (set by the `link` link), which must be of the answer's order.
    private static func cursor(_ name: String, _ parameters: QueryParameters, link: String) throws -> IncidentCursor? {
        guard let text = parameters[name] else { return nil }
        guard let cursor = IncidentCursor(text) else {
            throw Problem.badRequest("\(name) '\(QueryParameters.shown(text))' is not a paging cursor (follow the \(link) link)")
        }
        guard (cursor.distanceMeters != nil) == (parameters["near"] != nil) else {
            throw Problem.badRequest("\(name) '\(text)' is a cursor of another kind of answer (follow the \(link) link)")
        }
        return cursor
    }

    private static func nonEmpty(_ parameter: String, _ text: String) throws -> String {
        guard !text.trimmingASCIISpaces().isEmpty else { throw Problem.badRequest("\(parameter) is empty") }
        return text
    }
}
