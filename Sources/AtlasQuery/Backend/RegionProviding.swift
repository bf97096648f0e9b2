import AtlasModel

/// What a storage backend answers about loaded regions (boundaries from `atlas regions load`).
public protocol RegionProviding: Sendable {
    /// The region `name` designates (any spelling), or nil.
    func region(named name: String) throws -> Region?

    /// The names of every loaded region, sorted.
    func regionNames() throws -> [String]
}
