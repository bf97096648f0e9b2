import AtlasTestSupport
import Foundation
import Testing

/// `atlas near` and `atlas stats` answer byte for byte the same on a SpatiaLite file and on a
/// PostGIS URL holding the same incidents (the built `atlas` beside the test bundle).
@Suite(.enabled(if: TestPostgres.enabled, "set ATLAS_TEST_POSTGRES_URL (scripts/postgis-cluster start)"))
struct CLIBackendTests {
    /// The `atlas` executable of this build.
    private static let atlas = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("atlas").path

    /// Standard output of `atlas arguments`; fails on a non-zero exit.
    private func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.atlas)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "atlas \(arguments.joined(separator: " "))")
        return String(decoding: data, as: UTF8.self)
    }

    @Test func nearAndStatsPrintTheSameOnBothBackends() throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.atlas), "build atlas first (swift build --build-tests)")
        let stores = try PostGISOracleTests.stores.get()
        let url = try TestPostgres.requireURL()
        for arguments in [["near", "--at", "36.2,37.16", "--km", "15", "--format", "csv"],
                          ["near", "--at", "-16.4,179.99", "--km", "30", "--type", "battles", "--format", "geojson"],
                          ["nearest", "--at", "36.5,37.0", "-k", "12"],
                          ["stats", "--by", "week", "--actor", "nusra"]] {
            let onFile = try run(arguments + ["--db", stores.path])
            #expect(!onFile.isEmpty)
            #expect(try run(arguments + ["--db", url]) == onFile, "\(arguments)")
        }
    }
}
