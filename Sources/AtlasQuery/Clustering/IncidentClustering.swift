import AtlasGeo
import AtlasModel

/// DBSCAN (or space-time DBSCAN) over incidents: the bridge from stored incidents to
/// `DBSCAN` and `ClusterSummaryBuilder`.
public enum IncidentClustering {
    /// The clusters of a set of incidents.
    public struct Outcome: Sendable {
        /// The clustered incidents, in the order `result` refers to.
        public var incidents: [Incident]
        /// Labels (cluster id or nil for noise) and core flags, aligned with `incidents`.
        public var result: ClusteringResult
        /// One summary per cluster, in cluster id order (ids ordered by first date, then lowest
        /// incident id: stable across runs).
        public var summaries: [ClusterSummary]
    }

    /// Clusters `incidents` with `parameters` (eps in metres on the haversine sphere, minPoints
    /// counting the point itself, optional maxDays).
    ///
    /// - throws: `ClusteringError` for an incident whose date is not `YYYY-MM-DD` is impossible
    ///   (stored dates are validated), or for inconsistent inputs.
    public static func cluster(_ incidents: [Incident], parameters: ClusteringParameters) throws -> Outcome {
        let points = incidents.map { incident in
            ClusterPoint(id: incident.id ?? 0, coordinate: incident.coordinate,
                         day: ISODate(incident.eventDate)?.dayNumber ?? 0)
        }
        let attributes = incidents.map { incident in
            ClusterMemberAttributes(
                eventDate: incident.eventDate, fatalities: incident.fatalities,
                location: incident.location.isEmpty ? nil : incident.location,
                eventType: incident.subEventType.isEmpty ? incident.eventType : incident.subEventType,
                actors: [incident.actor1, incident.actor2].filter { !$0.isEmpty })
        }
        let result = try DBSCAN.cluster(points, parameters: parameters)
        let summaries = try ClusterSummaryBuilder.summaries(points: points, result: result, attributes: attributes)
        return Outcome(incidents: incidents, result: result, summaries: summaries)
    }
}
