import Foundation
import Testing
@testable import AtlasStore

/// `DirectFileWriter` writes exactly the bytes it is given, whatever their sizes and pieces,
/// with `O_DIRECT` on a disk file system and without it on tmpfs.
@Suite struct DirectFileWriterTests {
    /// Bytes numbered so that a shifted or dropped piece cannot compare equal.
    private func bytes(_ count: Int, seed: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed &+ $0 / 251) }
    }

    private func roundTrip(in folder: String) throws {
        // Around the 4 KiB block and the 8 MiB piece: lengths just under, at and over each.
        let pieces = [[0], [1], [4095], [4096], [4097], [100, 8 << 20, 3], [(8 << 20) - 1, 1], [(8 << 20) + 4096, 12_345]]
        for (number, lengths) in pieces.enumerated() {
            let path = folder + "/direct-\(getpid())-\(number).bin"
            defer { try? FileManager.default.removeItem(atPath: path) }
            let parts = lengths.enumerated().map { bytes($1, seed: $0) }
            let file = try DirectFileWriter(path: path)
            for part in parts { try part.withUnsafeBytes { try file.write($0) } }
            try file.finish()
            let written = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(written == Data(parts.joined()), "lengths \(lengths)")
        }
    }

    @Test func writesExactlyTheBytesGivenOnADiskFileSystem() throws {
        try roundTrip(in: FileManager.default.temporaryDirectory.path)
    }

    @Test func writesExactlyTheBytesGivenOnTmpfs() throws {
        guard FileManager.default.fileExists(atPath: "/dev/shm") else { return }
        try roundTrip(in: "/dev/shm")
    }

    @Test func replacesAnExistingFileAndReportsAFolderThatIsNotThere() throws {
        let path = FileManager.default.temporaryDirectory.path + "/direct-\(getpid())-old.bin"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(repeating: 7, count: 100_000).write(to: URL(fileURLWithPath: path))
        let file = try DirectFileWriter(path: path)
        try [1, 2, 3].withUnsafeBytes { try file.write(UnsafeRawBufferPointer(rebasing: $0[0..<3 * MemoryLayout<Int>.size])) }
        try file.finish()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 3 * MemoryLayout<Int>.size)
        #expect(throws: StoreError.self) { try DirectFileWriter(path: "/nonexistent-folder/x.bin") }
    }
}
