/// ACLED's event taxonomy: 6 event types and 25 sub-event types, with short CLI names.
///
/// Incidents store the full ACLED names (`Explosions/Remote violence`,
/// `Shelling/artillery/missile attack`). Users may type short names (`shelling`, `airstrike`,
/// `clash`); `resolve` turns either form into the pair to store or filter by.
public enum EventTaxonomy {
    /// One ACLED sub-event type under its event type, with its short name.
    public struct SubEventType: Sendable, Equatable {
        /// ACLED event type, e.g. `Explosions/Remote violence`.
        public var eventType: String
        /// ACLED sub-event type, e.g. `Shelling/artillery/missile attack`.
        public var name: String
        /// CLI short name, e.g. `shelling`.
        public var shortName: String
    }

    /// The six ACLED event types, with short names.
    public static let eventTypes: [(name: String, shortName: String)] = [
        ("Battles", "battles"),
        ("Explosions/Remote violence", "explosions"),
        ("Violence against civilians", "violence-against-civilians"),
        ("Protests", "protests"),
        ("Riots", "riots"),
        ("Strategic developments", "strategic"),
    ]

    /// The 25 ACLED sub-event types.
    public static let subEventTypes: [SubEventType] = [
        .init(eventType: "Battles", name: "Armed clash", shortName: "clash"),
        .init(eventType: "Battles", name: "Government regains territory", shortName: "government-regains"),
        .init(eventType: "Battles", name: "Non-state actor overtakes territory", shortName: "non-state-overtakes"),
        .init(eventType: "Explosions/Remote violence", name: "Chemical weapon", shortName: "chemical"),
        .init(eventType: "Explosions/Remote violence", name: "Air/drone strike", shortName: "airstrike"),
        .init(eventType: "Explosions/Remote violence", name: "Suicide bomb", shortName: "suicide-bomb"),
        .init(eventType: "Explosions/Remote violence", name: "Shelling/artillery/missile attack", shortName: "shelling"),
        .init(eventType: "Explosions/Remote violence", name: "Remote explosive/landmine/IED", shortName: "ied"),
        .init(eventType: "Explosions/Remote violence", name: "Grenade", shortName: "grenade"),
        .init(eventType: "Violence against civilians", name: "Sexual violence", shortName: "sexual-violence"),
        .init(eventType: "Violence against civilians", name: "Attack", shortName: "attack"),
        .init(eventType: "Violence against civilians", name: "Abduction/forced disappearance", shortName: "abduction"),
        .init(eventType: "Protests", name: "Peaceful protest", shortName: "peaceful-protest"),
        .init(eventType: "Protests", name: "Protest with intervention", shortName: "protest-intervention"),
        .init(eventType: "Protests", name: "Excessive force against protesters", shortName: "excessive-force"),
        .init(eventType: "Riots", name: "Violent demonstration", shortName: "violent-demonstration"),
        .init(eventType: "Riots", name: "Mob violence", shortName: "mob-violence"),
        .init(eventType: "Strategic developments", name: "Agreement", shortName: "agreement"),
        .init(eventType: "Strategic developments", name: "Arrests", shortName: "arrests"),
        .init(eventType: "Strategic developments", name: "Change to group/activity", shortName: "change-to-group"),
        .init(eventType: "Strategic developments", name: "Disrupted weapons use", shortName: "disrupted-weapons"),
        .init(eventType: "Strategic developments", name: "Headquarters or base established", shortName: "base-established"),
        .init(eventType: "Strategic developments", name: "Looting/property destruction", shortName: "looting"),
        .init(eventType: "Strategic developments", name: "Non-violent transfer of territory", shortName: "non-violent-transfer"),
        .init(eventType: "Strategic developments", name: "Other", shortName: "other"),
    ]

    /// What a type name given by a user or a file means.
    public enum Resolved: Sendable, Equatable {
        /// A whole event type (all its sub-event types).
        case eventType(String)
        /// One sub-event type (and its event type).
        case subEventType(SubEventType)
    }

    /// Resolves a short name or a full ACLED name (case-insensitive; `air strike`, `airstrike`
    /// and `Air/drone strike` all mean the same); nil if unknown.
    public static func resolve(_ text: String) -> Resolved? {
        lookup[normalised(text)]
    }

    /// Every accepted spelling (normalised) → what it means; built once.
    private static let lookup: [String: Resolved] = {
        var table: [String: Resolved] = [:]
        for type in eventTypes {
            table[normalised(type.name)] = .eventType(type.name)
            table[normalised(type.shortName)] = .eventType(type.name)
        }
        for sub in subEventTypes {
            table[normalised(sub.name)] = .subEventType(sub)
            table[normalised(sub.shortName)] = .subEventType(sub)
        }
        for (alias, target) in aliases where table[alias] == nil {
            table[alias] = table[normalised(target)]
        }
        return table
    }()

    /// The valid name closest to `text` by edit distance, to suggest in an error message.
    public static func closest(to text: String) -> String {
        let wanted = normalised(text)
        let names = eventTypes.map(\.name) + subEventTypes.map(\.name) + subEventTypes.map(\.shortName)
        // The first name at the least distance (distances over 99 count as 100). Each name is
        // measured once, and only as far as the best so far: a refused value in a file or a
        // query is measured against every name.
        var best = names.first ?? "Battles", bestDistance = 100
        for name in names where bestDistance > 0 {
            let distance = EditDistance.distance(wanted, normalised(name), limit: bestDistance - 1)
            if distance < bestDistance { (best, bestDistance) = (name, distance) }
        }
        return best
    }

    /// The sub-event type called `name` under `eventType` (full ACLED names), or nil.
    public static func subEventType(named name: String, eventType: String) -> SubEventType? {
        subEventTypes.first { normalised($0.name) == normalised(name) && normalised($0.eventType) == normalised(eventType) }
    }

    /// The full name of an event type given in any case or by short name, or nil.
    public static func eventTypeName(_ text: String) -> String? {
        let wanted = normalised(text)
        return eventTypes.first { normalised($0.name) == wanted || normalised($0.shortName) == wanted }?.name
    }

    /// Everyday words for common types.
    private static let aliases: [String: String] = [
        "airstrikes": "airstrike", "air strike": "airstrike", "air strikes": "airstrike", "drone strike": "airstrike",
        "artillery": "shelling", "mortar": "shelling", "rocket": "shelling", "missile": "shelling",
        "clashes": "clash", "armed clash": "clash", "fighting": "clash", "battle": "battles",
        "ied": "ied", "landmine": "ied", "protest": "protests", "riot": "riots",
        "remote violence": "explosions", "explosions remote violence": "explosions",
    ]

    /// Lowercase, `/`, `-` and `_` as spaces, spaces collapsed.
    public static func normalised(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            let isSeparator = byte == 0x20 || byte == 0x2F || byte == 0x2D || byte == 0x5F || byte == 0x09
            if isSeparator { pendingSpace = !out.isEmpty; continue }
            if pendingSpace { out.append(0x20); pendingSpace = false }
            out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
