import AtlasModel
/// The input columns the row mappers read: the lower-case header names of ACLED, UCDP GED and
/// the project's own CSV.
///
/// Rows look their fields up by these cases through positions worked out once per file
/// (`ColumnLayout`); a million-row import used to hash ~30 column names a row.
package enum ImportColumn: Int, CaseIterable, Sendable {
    case eventIDCnty
    case eventDate
    case timePrecision
    case disorderType
    case eventType
    case subEventType
    case actor1
    case assocActor1
    case actor2
    case assocActor2
    case country
    case admin1
    case admin2
    case admin3
    case location
    case latitude
    case longitude
    case geoPrecision
    case source
    case sourceScale
    case notes
    case fatalities
    case tags
    case timestamp
    case id
    case dateStart
    case dateEnd
    case datePrec
    case wherePrec
    case typeOfViolence
    case sideA
    case sideB
    case best
    case sourceArticle
    case adm1
    case adm2
    case whereCoordinates
    case sourceKey
    case distanceM

    /// The column's name in a header.
    package var name: String {
        switch self {
        case .eventIDCnty: "event_id_cnty"
        case .eventDate: "event_date"
        case .timePrecision: "time_precision"
        case .disorderType: "disorder_type"
        case .eventType: "event_type"
        case .subEventType: "sub_event_type"
        case .actor1: "actor1"
        case .assocActor1: "assoc_actor_1"
        case .actor2: "actor2"
        case .assocActor2: "assoc_actor_2"
        case .country: "country"
        case .admin1: "admin1"
        case .admin2: "admin2"
        case .admin3: "admin3"
        case .location: "location"
        case .latitude: "latitude"
        case .longitude: "longitude"
        case .geoPrecision: "geo_precision"
        case .source: "source"
        case .sourceScale: "source_scale"
        case .notes: "notes"
        case .fatalities: "fatalities"
        case .tags: "tags"
        case .timestamp: "timestamp"
        case .id: "id"
        case .dateStart: "date_start"
        case .dateEnd: "date_end"
        case .datePrec: "date_prec"
        case .wherePrec: "where_prec"
        case .typeOfViolence: "type_of_violence"
        case .sideA: "side_a"
        case .sideB: "side_b"
        case .best: "best"
        case .sourceArticle: "source_article"
        case .adm1: "adm_1"
        case .adm2: "adm_2"
        case .whereCoordinates: "where_coordinates"
        case .sourceKey: "source_key"
        case .distanceM: "distance_m"
        }
    }
}

/// Where each `ImportColumn` sits in a file's rows (absent when the header lacks it), and
/// which columns no mapper reads (they go to `Incident.attributes`): worked out once a header.
package final class ColumnLayout: Sendable {
    /// Position of each `ImportColumn`, by raw value; -1 when absent.
    private let positions: [Int]
    /// The columns outside the mapper's `mapped` list, with their positions, in name order.
    package let unmapped: [(name: String, index: Int)]
    /// For each of `unmapped`, its name as a JSON key with the colon (`"iso":`), written once.
    package let unmappedJSONKeys: [[UInt8]]

    /// The layout of a header whose lower-case names sit at `columns` (name → position), for a
    /// mapper reading `mapped`.
    package init(columns: [String: Int], mapped: [ImportColumn]) {
        positions = ImportColumn.allCases.map { columns[$0.name] ?? -1 }
        let mappedNames = Set(mapped.map(\.name))
        unmapped = columns.filter { !mappedNames.contains($0.key) }.map { (name: $0.key, index: $0.value) }
            .sorted { $0.name < $1.name }
        unmappedJSONKeys = unmapped.map { column in
            var key: [UInt8] = []
            FlatJSON.appendQuoted(column.name, to: &key)
            return key + [0x3A]
        }
    }

    /// The position of `column` in a row, or nil.
    package func position(of column: ImportColumn) -> Int? {
        let position = positions[column.rawValue]
        return position < 0 ? nil : position
    }
}
