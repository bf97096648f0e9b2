/// What a load did: how many records went in, which lines were skipped and why.
public struct LoadReport: Sendable {
    /// One rejected line of an input file.
    public struct Issue: Sendable, Equatable, CustomStringConvertible {
        /// The file as named by the user.
        public var file: String
        /// 1-based line (or feature number for GeoJSON).
        public var line: Int
        /// What was wrong, naming the field.
        public var message: String

        /// Creates an issue.
        public init(file: String, line: Int, message: String) {
            self.file = file
            self.line = line
            self.message = message
        }

        /// `FILE:LINE: message`, the form editors and terminals link to.
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// Records stored (new or updated).
    public var loaded = 0
    /// Lines or records rejected.
    public var skipped: Int { issues.count }
    /// Extra names attached to places (alternate-names files).
    public var namesAdded = 0
    /// Records that referred to something not loaded (alternate names of unknown places);
    /// counted, not reported one by one.
    public var ignored = 0
    /// Every rejected line, in file order.
    public var issues: [Issue] = []

    /// An empty report.
    public init() {}

    /// One line summary: `loaded 308 places, skipped 2` (plus names and ignored when non-zero).
    public func summary(noun: String = "places") -> String {
        var parts = ["loaded \(loaded) \(noun)"]
        if namesAdded > 0 { parts.append("\(namesAdded) names") }
        parts.append("skipped \(skipped)")
        if ignored > 0 { parts.append("ignored \(ignored) (unknown place)") }
        return parts.joined(separator: ", ")
    }
}
