import AtlasModel
import GRDB

/// Translates an `IncidentFilter` into a WHERE clause over `incident` (alias `i`) whose text is
/// made of constant fragments only; every value is bound as an argument.
struct FilterSQL {
    /// Conditions joined by AND; "1" when there are none.
    private(set) var clause = "1"
    /// The values of the `?` placeholders, in order.
    private(set) var arguments: [(any DatabaseValueConvertible)?] = []

    init(_ filter: IncidentFilter) {
        var conditions: [String] = []
        if let since = filter.since {
            conditions.append("i.event_date >= ?")
            arguments.append(since.description)
        }
        if let until = filter.until {
            conditions.append("i.event_date <= ?")
            arguments.append(until.description)
        }
        if !filter.types.isEmpty {
            var alternatives: [String] = []
            for type in filter.types {
                switch type {
                case let .eventType(name):
                    alternatives.append("i.event_type = ?")
                    arguments.append(name)
                case let .subEventType(sub):
                    alternatives.append("i.sub_event_type = ?")
                    arguments.append(sub.name)
                }
            }
            conditions.append("(" + alternatives.joined(separator: " OR ") + ")")
        }
        let actors = "lower(i.actor1 || ' ' || i.assoc_actor_1 || ' ' || i.actor2 || ' ' || i.assoc_actor_2)"
        if let actor = filter.actor, !actor.isEmpty {
            conditions.append("instr(\(actors), lower(?)) > 0")
            arguments.append(actor)
        }
        if let notActor = filter.notActor, !notActor.isEmpty {
            conditions.append("instr(\(actors), lower(?)) = 0")
            arguments.append(notActor)
        }
        if let source = filter.source, !source.isEmpty {
            conditions.append("instr(lower(i.source), lower(?)) > 0")
            arguments.append(source)
        }
        if let precision = filter.maxGeoPrecision {
            conditions.append("i.geo_precision <= ?")
            arguments.append(precision)
        }
        if !filter.admin1Keys.isEmpty {
            conditions.append("atlas_fold(i.admin1) IN (" + Array(repeating: "?", count: filter.admin1Keys.count).joined(separator: ", ") + ")")
            arguments.append(contentsOf: filter.admin1Keys.map { $0 as (any DatabaseValueConvertible)? })
        }
        if !conditions.isEmpty { clause = conditions.joined(separator: " AND ") }
    }

    /// The arguments as GRDB statement arguments, after `leading` ones.
    func statementArguments(after leading: [(any DatabaseValueConvertible)?] = []) -> StatementArguments {
        StatementArguments(leading + arguments)
    }
}
