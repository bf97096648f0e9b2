/// An input file could not be used at all (as opposed to one bad line in it).
public enum InputError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Missing, a directory, or not readable.
    case unreadable(file: String, reason: String)
    /// Readable but not of the expected format; `line` is 1-based when known.
    case malformed(file: String, line: Int?, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(file, reason): return "\(file): \(reason)"
        case let .malformed(file, line?, reason): return "\(file):\(line): \(reason)"
        case let .malformed(file, nil, reason): return "\(file): \(reason)"
        }
    }
}
