import CZlib
import Foundation

/// What a sidecar file is bound to: the database it was built from (its random `store_id`) and
/// the generation token of the table it indexes. Tokens are random, never counters, so a
/// different store, a restored backup or a rolled-back change cannot reach the same stamp with
/// other content.
struct SidecarStamp: Sendable, Equatable {
    /// `atlas_meta.store_id`: random, set once when the database is created or migrated.
    let storeID: Int64
    /// The generation token of the indexed table (`IncidentGeneration`, `PlaceGeneration`).
    let generation: Int64
}

/// The container every sidecar file (`<db>.points`, `<db>.names`) shares: a header binding the
/// payload to a `SidecarStamp`, with the payload's length and CRC-32.
///
/// Layout (little-endian): magic (8 bytes, one per kind of sidecar), store id, generation,
/// payload length (int64 each), payload CRC-32 (uint32), 4 reserved bytes; then the payload.
///
/// Invariants: a file is used only if its magic, stamp, length and checksum all match; anything
/// else (missing, stale, truncated, random bytes anywhere) is rebuilt from the database, so a
/// damaged sidecar costs time, never a wrong answer. Files are written to a unique temporary
/// file in the same folder (`mkstemp`) and renamed into place: readers never see half a file.
enum SidecarFile {
    static let headerBytes = 40
    /// The largest piece handed to one `write` call.
    static let writePiece = 1 << 20

    /// What the file at `path` is as a sidecar of kind `magic` for `stamp`.
    enum Inspection {
        /// No file (or no readable one): it is built on first use.
        case absent
        /// Magic, stamp, length and checksum hold: the payload (a slice of the mapping).
        case current(Data)
        /// A sound file built for another stamp (an older generation, another store).
        case stale
        /// Not a sidecar of this kind, truncated, or a checksum that fails: why.
        case damaged(String)
    }

    /// The payload of the file at `path` if it is a sidecar of kind `magic` for `stamp` and its
    /// checksum holds; nil otherwise. Memory-mapped: the payload is read once for the check.
    static func payload(at path: String, magic: UInt64, stamp: SidecarStamp) -> Data? {
        if case let .current(payload) = inspect(at: path, magic: magic, stamp: stamp) { return payload }
        return nil
    }

    /// Reads the header of the file at `path` and checks it and the payload's checksum.
    static func inspect(at path: String, magic: UInt64, stamp: SidecarStamp) -> Inspection {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return .absent }
        guard data.count >= headerBytes else { return .damaged("\(data.count) bytes, shorter than the \(headerBytes)-byte header") }
        let header = data.withUnsafeBytes { raw in
            (UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
             Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: Int64.self)),
             Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: Int64.self)),
             Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 24, as: Int64.self)),
             UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 32, as: UInt32.self)))
        }
        guard header.0 == magic else { return .damaged("wrong magic number") }
        guard header.3 == Int64(data.count - headerBytes) else {
            return .damaged("the header gives \(header.3) payload bytes, the file has \(data.count - headerBytes)")
        }
        // A slice: the payload stays in the mapping, not copied.
        let payload = data[(data.startIndex + headerBytes)...]
        guard checksum(payload) == header.4 else { return .damaged("the payload's CRC-32 does not match the header") }
        guard header.1 == stamp.storeID, header.2 == stamp.generation else { return .stale }
        return .current(payload)
    }

    /// The CRC-32 of `data` (zlib's).
    static func checksum(_ data: Data) -> UInt32 {
        var running = Checksum()
        data.withUnsafeBytes { running.add($0) }
        return running.value
    }

    /// A running CRC-32, for payloads written in pieces.
    struct Checksum {
        private(set) var value: UInt32 = 0

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            guard var start = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
            var remaining = bytes.count
            var crc = uLong(value)
            while remaining > 0 {
                let piece = min(remaining, Int(UInt32.max >> 1))
                crc = crc32(crc, start, uInt(piece))
                start += piece
                remaining -= piece
            }
            value = UInt32(truncatingIfNeeded: crc)
        }
    }

    /// The header bytes for a payload.
    static func header(magic: UInt64, stamp: SidecarStamp, payloadLength: Int, checksum: UInt32) -> Data {
        var bytes = Data(capacity: headerBytes)
        func append<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        append(magic)
        append(stamp.storeID)
        append(stamp.generation)
        append(Int64(payloadLength))
        append(checksum)
        append(UInt32(0))
        return bytes
    }

    /// Writes a sidecar whose payload `write` hands over in pieces to a new temporary file
    /// beside `path`, then renames it to `path`.
    ///
    /// - throws: `StoreError.invalidValue` naming the path when the folder cannot be written
    ///   (read-only store, full disk); nothing is left behind.
    static func write(to path: String, magic: UInt64, stamp: SidecarStamp,
                      payload write: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let temporary = try TemporarySidecar(beside: path)
        do {
            try temporary.handle.seek(toOffset: UInt64(headerBytes))
            var running = Checksum()
            var length = 0
            try write { piece in
                // In pieces of 1 MiB: each is checksummed and copied to the file while it is in
                // the CPU's cache (one 40 MB write costs the kernel three times its 1 MiB pieces).
                var start = 0
                while start < piece.count {
                    let part = UnsafeRawBufferPointer(rebasing: piece[start..<min(start + writePiece, piece.count)])
                    running.add(part)
                    try temporary.handle.write(contentsOf: part)
                    start += part.count
                }
                length += piece.count
            }
            try temporary.handle.seek(toOffset: 0)
            try temporary.handle.write(contentsOf: header(magic: magic, stamp: stamp, payloadLength: length, checksum: running.value))
            try temporary.install()
        } catch {
            temporary.discard()
            throw StoreError.invalidValue("cannot write \(path): \(error)")
        }
    }

    /// Sets the stamp of the sidecar at `path` (for a file written before its generation was
    /// known: the bulk gazetteer load writes its name index during its commit).
    static func restamp(fileAt path: String, stamp: SidecarStamp) throws {
        guard let file = FileHandle(forUpdatingAtPath: path) else { throw StoreError.invalidValue("cannot open \(path)") }
        defer { try? file.close() }
        try file.seek(toOffset: 8)
        var bytes = Data()
        withUnsafeBytes(of: stamp.storeID.littleEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: stamp.generation.littleEndian) { bytes.append(contentsOf: $0) }
        try file.write(contentsOf: bytes)
    }
}

/// A uniquely named file beside a sidecar's path (`mkstemp`), so that two threads or processes
/// rebuilding the same sidecar never write into one file.
final class TemporarySidecar {
    /// Its path.
    let path: String
    /// Open for writing.
    let handle: FileHandle
    private var done = false

    /// Creates the file `<target>.XXXXXX`.
    init(beside target: String) throws {
        var template = Array((target + ".XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw StoreError.invalidValue("cannot create a temporary file beside \(target): \(String(cString: strerror(errno)))")
        }
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    /// Renames the file to `target`'s path (replacing what is there). Not synced first: a file
    /// a crash leaves short or empty fails its checksum and is rebuilt.
    func install(as target: String? = nil) throws {
        try handle.close()
        let destination = target ?? String(path.dropLast(7))
        guard rename(path, destination) == 0 else {
            throw StoreError.invalidValue("cannot move \(path) to \(destination): \(String(cString: strerror(errno)))")
        }
        done = true
    }

    /// Removes the file.
    func discard() {
        guard !done else { return }
        try? handle.close()
        unlink(path)
        done = true
    }

    deinit { discard() }
}
