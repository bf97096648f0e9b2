import Foundation
import Testing
@testable import AtlasStore

/// `SidecarFile.inspect` tells `atlas check` what a sidecar is: each state made on purpose.
@Suite struct SidecarInspectionTests {
    private static let magic: UInt64 = 0x5453_4554_534C_5441  // "ATLSTEST"
    private let stamp = SidecarStamp(storeID: 42, generation: 7)
    private let path = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID()).sidecar").path

    private func write(_ payload: [UInt8], stamp: SidecarStamp) throws {
        try SidecarFile.write(to: path, magic: Self.magic, stamp: stamp) { emit in try payload.withUnsafeBytes { try emit($0) } }
    }

    private func state() -> String {
        switch SidecarFile.inspect(at: path, magic: Self.magic, stamp: stamp) {
        case .absent: "absent"
        case let .current(payload): "current \(Array(payload))"
        case .stale: "stale"
        case let .damaged(reason): "damaged: \(reason)"
        }
    }

    @Test func tellsAbsentCurrentStaleAndDamagedApart() throws {
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(state() == "absent")
        try write([1, 2, 3, 4], stamp: stamp)
        #expect(state() == "current [1, 2, 3, 4]")
        #expect(SidecarFile.payload(at: path, magic: Self.magic, stamp: stamp).map(Array.init) == [1, 2, 3, 4])
        try write([1, 2, 3, 4], stamp: SidecarStamp(storeID: 42, generation: 6))
        #expect(state() == "stale")
        #expect(SidecarFile.payload(at: path, magic: Self.magic, stamp: stamp) == nil)

        try write([1, 2, 3, 4], stamp: stamp)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count - 1] ^= 0x40
        try bytes.write(to: URL(fileURLWithPath: path))
        #expect(state() == "damaged: the payload's CRC-32 does not match the header")
        #expect(SidecarFile.payload(at: path, magic: Self.magic, stamp: stamp) == nil)
        try bytes.prefix(bytes.count - 1).write(to: URL(fileURLWithPath: path))
        #expect(state() == "damaged: the header gives 4 payload bytes, the file has 3")
        try Data(bytes.prefix(12)).write(to: URL(fileURLWithPath: path))
        #expect(state() == "damaged: 12 bytes, shorter than the 40-byte header")
        try write([1, 2, 3, 4], stamp: stamp)
        if case let .damaged(reason) = SidecarFile.inspect(at: path, magic: Self.magic ^ 1, stamp: stamp) {
            #expect(reason == "wrong magic number")
        } else {
            Issue.record("a sidecar of another kind passed the magic check")
        }
    }
}
