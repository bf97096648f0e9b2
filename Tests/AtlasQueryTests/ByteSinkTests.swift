import Foundation
import Testing
@testable import AtlasQuery

/// A file output replaces an existing file only once it is complete.
@Suite struct ByteSinkTests {
    private func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atlas-sink-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func anUnfinishedOutputLeavesTheExistingFileAndNoTemporaryFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.json").path
        try "previous answer".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            let sink = try ByteSink.file(path)
            // More than the 1 MiB buffer, so part of it reaches the disk before the failure.
            try sink.write(bytes: [UInt8](repeating: UInt8(ascii: "x"), count: 3 << 20))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "previous answer")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
    }

    @Test func aFinishedOutputReplacesTheFile() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("out.json").path
        try "previous answer".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            let sink = try ByteSink.file(path)
            try sink.write("new ")
            try sink.flush()
            try sink.write("answer")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new answer")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.json"])
    }

    @Test func aDirectoryIsRefusedWithItsReason() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            try ByteSink.file(dir.path)
        } throws: { error in
            "\(error)" == "\(dir.path): cannot create the output file: it is a directory"
        }
    }
}
