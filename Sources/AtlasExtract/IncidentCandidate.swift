import AtlasGeo
import AtlasModel
import AtlasStore

/// A located incident found in a report, with the evidence for it.
public struct IncidentCandidate: Sendable {
    /// The place the incident is at: the place named, or, for a name the gazetteer lacks (or a
    /// quarter not found inside its city), the nearest known place containing it.
    public var place: Place
    /// The location as reported: the gazetteer name, or the name as written when it is not the
    /// gazetteer's place (ACLED `location`).
    public var location: String
    /// The mention as written in the text.
    public var mention: String
    /// Character offsets of the mention in the text (0-based, end exclusive, in Characters).
    public var offsets: Range<Int>
    /// ACLED event type and sub-event type.
    public var eventType: String
    /// ACLED sub-event type.
    public var subEventType: String
    /// The actor doing it ("" when the report does not say).
    public var actor1: String
    /// The other side ("" when not said).
    public var actor2: String
    /// The sentence that says it.
    public var evidence: String
    /// ACLED geo precision: 1 the place named; 2 a place near or containing it (a town's area,
    /// a neighbourhood the gazetteer lacks, placed at its city); 3 only the governorate.
    public var geoPrecision: Int
    /// Other places of the same name that were considered, best first.
    public var alternatives: [Place]
    /// Why this place and not another.
    public var resolution: String
    /// What a reader of the incident must know about its location ("" when nothing).
    public var note: String
}

/// A place mention that is not an incident, and why.
public struct SkippedMention: Sendable {
    /// The mention as written.
    public var mention: String
    /// Character offsets in the text.
    public var offsets: Range<Int>
    /// The place it named.
    public var placeName: String
    /// The rule that set it aside.
    public var reason: String
}
