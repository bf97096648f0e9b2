import AtlasGeo
import AtlasModel
import AtlasStore

/// A located incident found in a report, with the evidence for it.
public struct IncidentCandidate: Sendable {
    /// The place the incident is at.
    public var place: Place
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
    /// 1 when the report names this place; 2 when it only names the area around it.
    public var geoPrecision: Int
    /// Other places of the same name that were considered, best first.
    public var alternatives: [Place]
    /// Why this place and not another.
    public var resolution: String
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
