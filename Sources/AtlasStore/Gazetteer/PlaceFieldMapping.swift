import AtlasModel
import AtlasImport
import AtlasGeo
import Foundation

/// Builds a place from named fields: the shared rules of the CSV and GeoJSON gazetteer formats.
///
/// Required: `name`, and a coordinate (`latitude`/`longitude` fields, or given by the caller
/// for GeoJSON). Optional: `feature_code` (`P.PPLX` or `PPLX`), `admin1`, `admin2`,
/// `alternate_names` (separated by `|`), `country_code`, `population`, `geonameid`, `key`.
enum PlaceFieldMapping {
    /// The place described by `fields`, or why it cannot be stored.
    static func record(
        fields: [String: String], coordinate: Coordinate, source: String
    ) -> Result<PlaceRecord, FieldError> {
        let name = (fields["name"] ?? "").trimmingASCIISpaces()
        guard !name.isEmpty else { return .failure(FieldError(field: "name", reason: "is empty")) }
        var geonameID: Int64?
        if let text = fields["geonameid"]?.trimmingASCIISpaces(), !text.isEmpty {
            guard let id = Int64(text), id > 0 else {
                return .failure(FieldError(field: "geonameid", reason: "'\(InputExcerpt.of(text))' is not a positive integer"))
            }
            geonameID = id
        }
        let population: Int
        switch FieldParsing.count(fields["population"] ?? "", field: "population") {
        case let .success(value): population = value
        case let .failure(error): return .failure(error)
        }
        let feature = PlaceRecord.splitFeature(fields["feature_code"].flatMap { $0.isEmpty ? nil : $0 } ?? "P.PPL")
        let alternates = (fields["alternate_names"] ?? "").split(separator: "|").compactMap { part -> PlaceRecord.AlternateName? in
            let text = part.trimmingASCIISpaces()
            return text.isEmpty ? nil : PlaceRecord.AlternateName(text)
        }
        var sourceKey: String?
        if let key = fields["key"]?.trimmingASCIISpaces(), !key.isEmpty {
            sourceKey = "\(source):\(key)"
        }
        return .success(PlaceRecord(
            geonameID: geonameID, name: name, coordinate: coordinate,
            featureClass: feature.featureClass, featureCode: feature.featureCode,
            country: (fields["country_code"] ?? fields["country"] ?? "").uppercased(),
            admin1: fields["admin1"] ?? "", admin2: fields["admin2"] ?? "", population: population,
            alternateNames: alternates, source: source, sourceKey: sourceKey))
    }
}
