/// Why a gazetteer search could not run.
public enum GazetteerError: Error, Sendable, CustomStringConvertible {
    /// The query has no letters or digits.
    case emptyQuery(String)
    /// The `--in` value names no known governorate.
    case unknownAdmin1(String, known: [String])

    public var description: String {
        switch self {
        case let .emptyQuery(query):
            return "'\(query)' has no letters to search for"
        case let .unknownAdmin1(name, known):
            return "no governorate named '\(name)'; known: \(known.joined(separator: ", "))"
        }
    }
}
