import AtlasQuery
import AtlasStore

/// What `atlas extract` reads and writes, on either backend: the gazetteer's names, the
/// reports and the incident writer.
struct StoreForExtraction {
    let names: any GazetteerNameListing
    let reports: any ReportRecording
    let writer: any IncidentWriting

    /// Opens the store of `database` (for writing when `forWriting`: `--commit`).
    init(database: DatabaseOptions, forWriting: Bool) throws {
        if database.isPostGIS {
            let backend = try database.postGIS()
            (names, reports, writer) = (backend.gazetteerNames, backend.reports, backend.writer)
        } else {
            let store = try forWriting ? database.openForWriting() : database.open()
            (names, reports, writer) = (GazetteerNames(database: store), ReportStore(database: store), SpatiaLiteBackend(database: store).writer)
        }
    }
}
