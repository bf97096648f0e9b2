import AtlasModel

extension IncidentGrouping {
    /// The SQL expression of the group key over `incident i`: a constant of this enum.
    var keyExpression: String {
        switch self {
        case .place: return "CASE WHEN i.location <> '' THEN i.location ELSE '(no location)' END"
        case .admin1: return "CASE WHEN i.admin1 <> '' THEN i.admin1 ELSE '(no admin1)' END"
        case .day: return "i.event_date"
        case .week: return "date(i.event_date, '-' || ((CAST(strftime('%w', i.event_date) AS INTEGER) + 6) % 7) || ' days')"
        case .month: return "substr(i.event_date, 1, 7)"
        case .type: return "CASE WHEN i.sub_event_type <> '' THEN i.event_type || ' / ' || i.sub_event_type ELSE i.event_type END"
        case .actor: return "CASE WHEN i.actor1 <> '' THEN i.actor1 ELSE '(no actor)' END"
        }
    }
}
