/// How `atlas import` (and a backend's `IncidentWriting.importFile`) imports a file.
public struct ImportOptions: Sendable {
    /// The file's format; nil guesses it from the header.
    public var format: ImportFormat?
    /// Commit nothing if any row is rejected.
    public var strict = false
    /// Validate and report only.
    public var dryRun = false
    /// Force bulk mode (one pass for the secondary indexes, the rollback journal when no
    /// other connection is open) on or off; nil decides by file size
    /// (16 MiB and more).
    public var bulk: Bool?
    /// Called now and then with (rows read, bytes read, total bytes if known).
    public var progress: (@Sendable (Int, Int, Int?) -> Void)?

    /// Default options: guess the format, commit the valid rows.
    public init() {}
}
