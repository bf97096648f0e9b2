import AtlasQuery
import Foundation

/// Runs one of the query layer's writers (stats, clusters, place matches) into a temporary
/// file and returns its bytes, so the server answers with exactly the CLI's encoding.
///
/// `ByteSink` writes only to a file handle; a sink over a closure would let these small
/// answers skip the file (noted for the owners of AtlasQuery/Output).
enum WriterCapture {
    /// The bytes `body` writes to the sink it is given.
    static func bytes(_ body: (ByteSink) throws -> Void) throws -> [UInt8] {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        let path = directory + "/atlas-serve-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let sink = try ByteSink.file(path)
            try body(sink)
            try sink.flush()
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw OutputError.writeFailed(reason: "the temporary file \(path) could not be read back")
        }
        return [UInt8](data)
    }
}
