import AtlasModel

extension BoundSQL {
    /// Appends `filter` as conditions over `incident i`, each starting with ` AND `: the same
    /// conditions as the SpatiaLite store's, every value bound.
    ///
    /// SQLite's `lower()` folds ASCII letters only, so case-insensitive matching here folds
    /// with the same ASCII-only `translate` (PostgreSQL's `lower()` would also fold `É`), and
    /// both backends keep the same incidents for any actor text.
    mutating func appendFilter(_ filter: IncidentFilter) {
        if let since = filter.since {
            append(" AND i.event_date >= ")
            bind(since.description)
        }
        if let until = filter.until {
            append(" AND i.event_date <= ")
            bind(until.description)
        }
        if !filter.types.isEmpty {
            append(" AND (")
            for (index, type) in filter.types.enumerated() {
                if index > 0 { append(" OR ") }
                switch type {
                case let .eventType(name):
                    append("i.event_type = ")
                    bind(name)
                case let .subEventType(sub):
                    append("i.sub_event_type = ")
                    bind(sub.name)
                }
            }
            append(")")
        }
        let actors = Self.asciiLower("i.actor1 || ' ' || i.assoc_actor_1 || ' ' || i.actor2 || ' ' || i.assoc_actor_2")
        if let actor = filter.actor, !actor.isEmpty {
            append(" AND strpos(\(actors), \(Self.asciiLower(placeholder(actor)))) > 0")
        }
        if let notActor = filter.notActor, !notActor.isEmpty {
            append(" AND strpos(\(actors), \(Self.asciiLower(placeholder(notActor)))) = 0")
        }
        if let source = filter.source, !source.isEmpty {
            append(" AND strpos(\(Self.asciiLower("i.source")), \(Self.asciiLower(placeholder(source)))) > 0")
        }
        if let precision = filter.maxGeoPrecision {
            append(" AND i.geo_precision <= ")
            bind(Int64(precision))
        }
        if !filter.admin1Keys.isEmpty {
            // admin1_key holds the folded admin1, computed when the row was written.
            append(" AND i.admin1_key = ANY(")
            bind(filter.admin1Keys)
            append(")")
        }
    }

    /// Binds `value` and returns its placeholder, to be placed in the text by the caller.
    private mutating func placeholder(_ value: String) -> String {
        bindDetached(value)
    }

    /// `expression` with ASCII capitals made small, as SQLite's `lower()` does.
    private static func asciiLower(_ expression: String) -> String {
        "translate(\(expression), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"
    }
}
