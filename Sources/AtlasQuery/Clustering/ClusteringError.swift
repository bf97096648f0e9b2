import AtlasGeo

/// Why clustering refused its input. Each case's `description` says what to change.
public enum ClusteringError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The neighbourhood radius, metres, was zero, negative, NaN or infinite.
    case invalidEps(Double)
    /// The minimum neighbourhood size was below 1.
    case invalidMinPoints(Int)
    /// The space-time window, days, was negative.
    case negativeMaxDays(Int)
    /// The point at this index of the input (with this id) has a latitude outside [-90, 90],
    /// a longitude outside [-180, 180], or a value that is not finite.
    case invalidCoordinate(index: Int, id: Int64, coordinate: Coordinate)
    /// Incident attributes were supplied for summaries but not one per point.
    case attributeCountMismatch(points: Int, attributes: Int)
    /// The clustering result given to the summary builder was not computed from these points.
    case resultDoesNotMatchPoints(points: Int, labels: Int)

    /// One sentence saying what was wrong and what is expected instead.
    public var description: String {
        switch self {
        case let .invalidEps(value):
            return "cluster radius \(value) m is invalid: it must be a finite number of metres greater than 0"
        case let .invalidMinPoints(value):
            return "minimum points \(value) is invalid: it must be at least 1 (the point itself counts)"
        case let .negativeMaxDays(value):
            return "maximum days \(value) is invalid: it must be 0 or more"
        case let .invalidCoordinate(index, id, coordinate):
            return "incident \(id) (input row \(index)) has invalid coordinate "
                + "latitude \(coordinate.latitude), longitude \(coordinate.longitude): "
                + "latitude must be in [-90, 90] and longitude in [-180, 180]"
        case let .attributeCountMismatch(points, attributes):
            return "\(attributes) attribute records were given for \(points) points: give exactly one per point"
        case let .resultDoesNotMatchPoints(points, labels):
            return "the clustering result has \(labels) labels but \(points) points were given: "
                + "summarise the same points that were clustered"
        }
    }
}
