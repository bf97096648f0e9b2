import AtlasModel

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
        var output: [UInt8] = []
        output.reserveCapacity(512)
        write(into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Written as bytes: every items page builds its links with this.
    private func write(into output: inout [UInt8]) {
        switch self {
        case let .string(value): FlatJSON.appendQuoted(value, to: &output)
        case let .integer(value): output += String(value).utf8
        case let .number(value): output += (value.isFinite ? "\(value)" : "null").utf8
        case let .bool(value): output += (value ? "true" : "false").utf8
        case .null: output += "null".utf8
        case let .array(values):
            output.append(0x5B)
            for (index, value) in values.enumerated() {
                if index > 0 { output.append(0x2C) }
                value.write(into: &output)
            }
            output.append(0x5D)
        case let .object(pairs):
            output.append(0x7B)
            for (index, (key, value)) in pairs.enumerated() {
                if index > 0 { output.append(0x2C) }
                FlatJSON.appendQuoted(key, to: &output)
                output.append(0x3A)
                value.write(into: &output)
            }
            output.append(0x7D)
        }
    }
}
