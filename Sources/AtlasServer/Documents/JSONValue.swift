import AtlasQuery

/// A JSON value whose objects keep their keys in the order written, for the documents the
/// server builds (landing page, collections, OpenAPI): readable, and the same bytes every time.
indirect enum JSONValue: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral {
    case string(String)
    case integer(Int)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .integer(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }

    /// An object from key/value pairs, in this order.
    static func obj(_ pairs: KeyValuePairs<String, JSONValue>) -> JSONValue { .object(pairs.map { ($0.key, $0.value) }) }

    /// The JSON text, compact.
    var text: String {
        var output = ""
        write(into: &output)
        return output
    }

    private func write(into output: inout String) {
        switch self {
        case let .string(value): output += TextEscaping.jsonString(value)
        case let .integer(value): output += String(value)
        case let .number(value): output += value.isFinite ? "\(value)" : "null"
        case let .bool(value): output += value ? "true" : "false"
        case .null: output += "null"
        case let .array(values):
            output += "["
            for (index, value) in values.enumerated() {
                if index > 0 { output += "," }
                value.write(into: &output)
            }
            output += "]"
        case let .object(pairs):
            output += "{"
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { output += "," }
                output += TextEscaping.jsonString(key) + ":"
                value.write(into: &output)
            }
            output += "}"
        }
    }
}
