/// What an import did, row by row: counts and every rejected row with its reason.
public struct ImportReport: Sendable {
    /// One rejected row.
    public struct Rejection: Sendable, Equatable, CustomStringConvertible {
        /// File as named by the user.
        public var file: String
        /// 1-based line where the row starts (the header is line 1).
        public var line: Int
        /// The field at fault (`latitude`, `event_type`, `row`).
        public var field: String
        /// What is wrong.
        public var reason: String

        /// Creates a rejection.
        public init(file: String, line: Int, field: String, reason: String) {
            self.file = file
            self.line = line
            self.field = field
            self.reason = reason
        }

        /// `FILE:LINE: field: reason`.
        public var description: String { "\(file):\(line): \(field): \(reason)" }
    }

    /// Data rows read (header excluded).
    public var read = 0
    /// Rows stored as new incidents.
    public var inserted = 0
    /// Rows that replaced a stored incident (newer upstream revision or changed content).
    public var updated = 0
    /// Rows identical to (or older than) what is stored.
    public var unchanged = 0
    /// Rejected rows, in file order.
    public var rejections: [Rejection] = []
    /// True when nothing was committed (`--strict` with rejections, or `--dry-run`).
    public var rolledBack = false

    /// Rows rejected.
    public var rejected: Int { rejections.count }

    /// Creates an empty report.
    public init() {}

    /// `read N, inserted N, updated N, unchanged N, rejected N` (+ why nothing was written).
    public var summary: String {
        var text = "read \(read), inserted \(inserted), updated \(updated), unchanged \(unchanged), rejected \(rejected)"
        if rolledBack { text += " (nothing written)" }
        return text
    }
}
