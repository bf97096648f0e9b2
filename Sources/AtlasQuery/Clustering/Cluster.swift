/// One cluster found by `DBSCAN`: which input points belong to it.
///
/// Cluster ids are stable: they are numbered 1, 2, … in order of the cluster's first event
/// day, then of the lowest point id among its members (then of the lowest input index, should
/// ids repeat). Running the same points with the same parameters gives the same ids, whatever
/// the order of the input.
public struct Cluster: Hashable, Sendable {
    /// The cluster's id, 1-based, in the stable order described above.
    public let id: Int
    /// Indices into the clustered input of all members (core and border), ascending.
    public let memberIndices: [Int]
    /// How many members are core points.
    public let coreCount: Int
    /// The earliest member's day, days since 1970-01-01.
    public let firstDay: Int
    /// The latest member's day, days since 1970-01-01.
    public let lastDay: Int

    /// Creates a cluster record; `DBSCAN` builds these.
    public init(id: Int, memberIndices: [Int], coreCount: Int, firstDay: Int, lastDay: Int) {
        self.id = id
        self.memberIndices = memberIndices
        self.coreCount = coreCount
        self.firstDay = firstDay
        self.lastDay = lastDay
    }

    /// The number of members, core and border.
    public var size: Int { memberIndices.count }
}
