import ArgumentParser
import AtlasStore
import Foundation

/// `atlas check`: verifies the whole store (SQLite's integrity check, every R*Tree, the
/// generation tokens, the sidecar files) and exits 1 if any part is damaged.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Verify the store: SQLite integrity, every R*Tree, generation tokens and the sidecar index files.",
        discussion: "A stale or damaged sidecar is reported and rebuilt on its next use; it fails the check only if it passes for current while its content differs from the tables.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try database.requireSpatiaLite(for: "check")
        let findings = try StoreCheck.run(on: database.open())
        for finding in findings {
            print("\(finding.passed ? "ok  " : "FAIL") \(finding.part.padding(toLength: 24, withPad: " ", startingAt: 0)) \(finding.detail)")
        }
        let failed = findings.filter { !$0.passed }.count
        guard failed == 0 else {
            StandardError.print("atlas check: \(failed) of \(findings.count) parts of \(database.resolvedPath) are damaged")
            throw ExitCode.failure
        }
    }
}
