import AtlasModel

/// An incident as a row of ACLED's CSV export, in ACLED's column order. Columns without a field
/// of their own (`year`, `inter1`, `iso`, …) come from `Incident.attributes`, where the importer
/// kept them, so import → export → import changes nothing.
public enum ACLEDColumns {
    /// ACLED's export columns, in order.
    public static let names = [
        "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
        "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
        "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
    ]

    /// The cells of `incident`, aligned with `names`; coordinates with at most `precision` decimals.
    public static func values(of incident: Incident, precision: Int) -> [String] {
        let a = incident.attributes
        return [
            incident.sourceKey, incident.eventDate, a["year"] ?? String(incident.eventDate.prefix(4)),
            String(incident.timePrecision), incident.disorderType, incident.eventType, incident.subEventType,
            incident.actor1, incident.assocActor1, a["inter1"] ?? "", incident.actor2, incident.assocActor2,
            a["inter2"] ?? "", a["interaction"] ?? "", a["civilian_targeting"] ?? "", a["iso"] ?? "", a["region"] ?? "",
            incident.country, incident.admin1, incident.admin2, incident.admin3, incident.location,
            DecimalText.fixed(incident.coordinate.latitude, digits: precision),
            DecimalText.fixed(incident.coordinate.longitude, digits: precision),
            String(incident.geoPrecision.level), incident.source, incident.sourceScale, incident.notes,
            String(incident.fatalities), incident.tags, incident.upstreamTimestamp.map(String.init) ?? "",
        ]
    }
}
