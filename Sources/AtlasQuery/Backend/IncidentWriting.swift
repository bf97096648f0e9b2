import AtlasModel

/// What a storage backend does to add and remove incidents. Imports are idempotent by
/// `source_key` and report every rejected row as `FILE:LINE: field: reason`.
public protocol IncidentWriting: Sendable {
    /// Imports the file at `path` (`-` for standard input).
    func importFile(_ path: String, options: ImportOptions) throws -> ImportReport

    /// Inserts or updates `incidents` by `source_key`: (inserted, updated, unchanged).
    func upsert(_ incidents: [Incident]) throws -> (inserted: Int, updated: Int, unchanged: Int)

    /// Inserts `incidents`, returning their ids in order.
    func insert(_ incidents: [Incident]) throws -> [Int64]

    /// Deletes the incident with `id`; false if there was none.
    func delete(id: Int64) throws -> Bool

    /// The ids of the incidents stored under `sourceKeys`, in that order; nil for a key no
    /// incident has (a server answers a POST with the ids its rows were stored under).
    func ids(sourceKeys: [String]) throws -> [Int64?]
}
