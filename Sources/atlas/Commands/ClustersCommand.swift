import ArgumentParser
import AtlasQuery

/// `atlas clusters`: where incidents concentrate, by DBSCAN in metres (and days).
struct ClustersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clusters",
        abstract: "DBSCAN clusters of the selected incidents: eps in km on the sphere, optional --days window.",
        discussion: """
            Distances are great-circle on R = 6,371,008.8 m (scikit-learn's haversine). --min-points counts \
            the incident itself. Cluster ids are ordered by first date, then lowest incident id. Output: one \
            row (or GeoJSON hull Feature) per cluster; with --assign, every selected incident with its \
            cluster_id (empty/null for noise) and is_core.
            """)

    @OptionGroup var database: DatabaseOptions
    @Option(parsing: .unconditional, help: "Neighbourhood radius eps in kilometres.") var km: Double = 1
    @Option(name: .customLong("min-points"), parsing: .unconditional, help: "Incidents within eps (itself included) that make a core point.")
    var minPoints: Int = 5
    @Option(parsing: .unconditional, help: "Also require |Δdate| ≤ this many days (space-time DBSCAN).") var days: Int?
    @Flag(help: "List member incidents with cluster_id and is_core instead of cluster summaries.") var assign = false
    @OptionGroup var filters: FilterOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try output.require(assign ? IncidentWriter.formats : [.table, .csv, .geojson, .geojsonl], for: assign ? "clusters --assign" : "cluster summaries")
    }

    func run() throws {
        let parameters: ClusteringParameters
        do {
            parameters = try ClusteringParameters(epsMeters: km * 1000, minPoints: minPoints, maxDays: days)
        } catch {
            throw ValidationError("\(error)")
        }
        let backend = try database.backend()
        let query = try filters.query(in: backend)
        let incidents = try backend.incidents.incidents(query)
        if incidents.isEmpty { StandardError.print("no incidents match") }
        let outcome = try IncidentClustering.cluster(incidents, parameters: parameters)
        let sink = try output.sink()
        if assign {
            let writer = IncidentWriter(format: output.format, sink: sink, precision: output.precision,
                                        extraColumns: ["cluster_id", "is_core"])
            try writer.begin()
            for (index, incident) in outcome.incidents.enumerated() {
                let label = outcome.result.labels[index].map(String.init) ?? "null"
                try writer.write(incident, extra: [label, outcome.result.isCore[index] ? "true" : "false"])
            }
            try writer.end()
        } else {
            try ClusterSummaryWriter(precision: output.precision).write(outcome.summaries, format: output.format, to: sink)
            try sink.flush()
        }
        let noise = outcome.result.labels.filter { $0 == nil }.count
        let clusters = outcome.summaries.count, clustered = incidents.count - noise
        StandardError.print("\(clusters) cluster\(clusters == 1 ? "" : "s"), \(clustered) incident\(clustered == 1 ? "" : "s") in clusters, \(noise) noise")
    }
}
