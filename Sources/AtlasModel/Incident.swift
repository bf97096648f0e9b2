import AtlasGeo

/// One incident: an event at a place on a date, in ACLED's terms, with UCDP's kept where they
/// differ (precision codes, date ranges, fatality bounds in `attributes`).
///
/// The same value goes in (importers build it) and comes out (queries read it), so an import
/// followed by an export loses nothing.
public struct Incident: Sendable, Equatable {
    /// Row id; nil before the incident is stored.
    public var id: Int64?
    /// Identity across re-imports: the upstream id (`SYR1234` for ACLED, `ucdp:123456`), or
    /// a hash of the normalised row when the source has none.
    public var sourceKey: String
    /// First (or only) day, `YYYY-MM-DD`.
    public var eventDate: String
    /// Last day for multi-day events (UCDP `date_end`), or nil.
    public var dateEnd: String?
    /// ACLED time precision: 1 exact day, 2 within a week, 3 within a month.
    public var timePrecision: Int
    /// ACLED `disorder_type`, or "".
    public var disorderType: String
    /// ACLED event type (full name, e.g. `Explosions/Remote violence`).
    public var eventType: String
    /// ACLED sub-event type (full name), or "".
    public var subEventType: String
    /// Main actor (the one acting: the shelling side).
    public var actor1: String
    /// Actors associated with actor1, `;`-separated as in ACLED.
    public var assocActor1: String
    /// The other side, or "".
    public var actor2: String
    /// Actors associated with actor2.
    public var assocActor2: String
    /// Country name as the source gives it (`Syria`).
    public var country: String
    /// Governorate name (`Aleppo`).
    public var admin1: String
    /// District name.
    public var admin2: String
    /// Sub-district name.
    public var admin3: String
    /// Location text as reported (`Aleppo - Sheikh Maqsoud`).
    public var location: String
    /// Gazetteer place the location resolved to, if any.
    public var placeID: Int64?
    /// Where it happened.
    public var coordinate: Coordinate
    /// How precise that position is.
    public var geoPrecision: GeoPrecision
    /// Reported deaths (ACLED `fatalities`, UCDP `best`), ≥ 0.
    public var fatalities: Int
    /// Who reported it.
    public var source: String
    /// ACLED `source_scale`.
    public var sourceScale: String
    /// Free text.
    public var notes: String
    /// ACLED `tags`.
    public var tags: String
    /// ACLED `timestamp` (Unix seconds of the upstream revision), used to decide updates.
    public var upstreamTimestamp: Int64?
    /// Upstream columns without a field of their own (`iso`, `inter1`, `civilian_targeting`,
    /// UCDP `low`/`high`, …), kept for a faithful export.
    public var attributes: [String: String]
    /// The report this incident was extracted from, if any.
    public var reportID: Int64?

    /// Creates an incident; only what every incident has is required.
    public init(
        id: Int64? = nil, sourceKey: String, eventDate: String, dateEnd: String? = nil, timePrecision: Int = 1,
        disorderType: String = "", eventType: String, subEventType: String = "",
        actor1: String = "", assocActor1: String = "", actor2: String = "", assocActor2: String = "",
        country: String = "", admin1: String = "", admin2: String = "", admin3: String = "", location: String = "",
        placeID: Int64? = nil, coordinate: Coordinate, geoPrecision: GeoPrecision = GeoPrecision(level: 1, scheme: "exact", code: 1),
        fatalities: Int = 0, source: String = "", sourceScale: String = "", notes: String = "", tags: String = "",
        upstreamTimestamp: Int64? = nil, attributes: [String: String] = [:], reportID: Int64? = nil
    ) {
        self.id = id
        self.sourceKey = sourceKey
        self.eventDate = eventDate
        self.dateEnd = dateEnd
        self.timePrecision = timePrecision
        self.disorderType = disorderType
        self.eventType = eventType
        self.subEventType = subEventType
        self.actor1 = actor1
        self.assocActor1 = assocActor1
        self.actor2 = actor2
        self.assocActor2 = assocActor2
        self.country = country
        self.admin1 = admin1
        self.admin2 = admin2
        self.admin3 = admin3
        self.location = location
        self.placeID = placeID
        self.coordinate = coordinate
        self.geoPrecision = geoPrecision
        self.fatalities = fatalities
        self.source = source
        self.sourceScale = sourceScale
        self.notes = notes
        self.tags = tags
        self.upstreamTimestamp = upstreamTimestamp
        self.attributes = attributes
        self.reportID = reportID
    }
}
