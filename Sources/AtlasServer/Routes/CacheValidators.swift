import Foundation
import Hummingbird

/// `ETag` and `Last-Modified` of a response that depends on the incidents: both change when the
/// store's incident generation does (any insert, delete or move), and a matching
/// `If-None-Match` gets a 304 without running the query.
struct CacheValidators: Sendable {
    /// The weak entity tag: the generation and a hash of the request's query and format (the
    /// body holds a time stamp, so equal tags mean equal features, not equal bytes).
    var etag: String
    /// When the server first saw this generation.
    var lastModified: Date

    init(generation: String, request: Request, format: ResponseFormat, clock: GenerationClock) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (request.uri.path + "?" + (request.uri.query ?? "") + "#" + format.rawValue).utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let safeGeneration = generation.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        etag = "W/\"\(safeGeneration)-\(String(hash, radix: 16))\""
        lastModified = clock.firstSeen(generation)
    }

    /// The headers to send with the response.
    var headers: HTTPFields {
        [.eTag: etag, .lastModified: ServerDates.imfFixdate(lastModified), .cacheControl: "no-cache"]
    }

    /// True when the client's `If-None-Match` names this tag (or is `*`).
    func matches(_ request: Request) -> Bool {
        guard let header = request.headers[.ifNoneMatch] else { return false }
        return header.split(separator: ",").contains { tag in
            let trimmed: Substring = tag.trimmingASCIISpaces()  // not AtlasImport's String trim
            return trimmed == "*" || trimmed == etag || "W/" + trimmed == etag
        }
    }

    /// The 304 answer.
    func notModified() -> Response {
        Response(status: .notModified, headers: headers)
    }
}
