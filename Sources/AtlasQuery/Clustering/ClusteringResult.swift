/// What `DBSCAN` found, aligned with its input.
public struct ClusteringResult: Hashable, Sendable {
    /// For each input point, its cluster id (see `Cluster` for the numbering), or `nil` for
    /// noise.
    public let labels: [Int?]
    /// For each input point, whether it is a core point (its neighbourhood, itself included,
    /// holds at least `minPoints` points). Core points always have a label.
    public let isCore: [Bool]
    /// The clusters in id order: `clusters[k].id == k + 1`.
    public let clusters: [Cluster]

    /// Creates a result; `DBSCAN` builds these.
    public init(labels: [Int?], isCore: [Bool], clusters: [Cluster]) {
        self.labels = labels
        self.isCore = isCore
        self.clusters = clusters
    }

    /// Indices of the input points that belong to no cluster.
    public var noiseIndices: [Int] {
        labels.indices.filter { labels[$0] == nil }
    }
}
