/// How much a kind of place weighs when several places share a name.
///
/// The order a reader expects: a capital before an admin seat, a seat before a town, a town
/// before an airport or base, those before a neighbourhood, anything before a ruin.
public enum FeatureImportance {
    /// The rank of a GeoNames feature code (higher wins).
    public static func rank(featureCode: String) -> Int {
        switch featureCode {
        case "PPLC": return 90
        case "PPLA": return 80
        case "PPLG": return 75
        case "PPLA2": return 70
        case "PPLA3", "PPLA4", "PPLA5": return 60
        case "PPL", "PPLS", "PPLF", "PPLL", "PPLR": return 50
        case "AIRP", "AIRB", "AIRF", "AIRH", "INSM", "MLTY": return 45
        case "PPLX", "CMP", "CMPRF", "PS", "PSH", "DAM": return 40
        case "PPLH", "PPLQ", "PPLW", "RUIN": return 20
        default: return 10
        }
    }

    /// The GeoNames feature class a bare code belongs to, for inputs that give only the code.
    public static func featureClass(ofCode code: String) -> String {
        if code.hasPrefix("PPL") { return "P" }
        if code.hasPrefix("ADM") || code.hasPrefix("PCL") { return "A" }
        switch code {
        case "AREA", "RGN", "PLN", "VAL": return "L"
        case "MT", "MTS", "HLL", "HLLS", "PK", "PASS", "RDGE": return "T"
        case "STM", "WAD", "LK", "SPNG", "WLL", "CNL": return "H"
        default: return "S"
        }
    }

    /// The descriptive words that may follow a name ("Nairab airport"), with the feature codes
    /// they point to. A query ending in one of these also looks for the bare name.
    public static let descriptors: [String: Set<String>] = [
        "airport": ["AIRP", "AIRB", "AIRF"], "international airport": ["AIRP"],
        "military airport": ["AIRB", "AIRF"], "air base": ["AIRB", "AIRF", "AIRP"],
        "airbase": ["AIRB", "AIRF", "AIRP"], "military air base": ["AIRB", "AIRF"], "airfield": ["AIRF", "AIRB"],
        "base": ["AIRB", "INSM", "MLTY"], "camp": ["CMP", "CMPRF"], "refugee camp": ["CMPRF", "CMP"],
        "neighbourhood": ["PPLX"], "neighborhood": ["PPLX"], "district": ["PPLX", "ADM2", "ADM3"],
        "quarter": ["PPLX"], "village": ["PPL"], "town": ["PPL", "PPLA2", "PPLA3"], "city": ["PPLA", "PPLC"],
        "power station": ["PS"], "power plant": ["PS"], "station": ["PS"],
    ]
}
