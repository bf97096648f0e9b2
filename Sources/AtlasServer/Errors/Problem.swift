import AtlasQuery
import HTTPTypes
import Hummingbird

/// An error answered to the client as an RFC 9457 problem document (`application/problem+json`):
/// `{"type", "title", "status", "detail"}`. Every 4xx the server gives is one of these, thrown by
/// the code that found the fault and turned into a response at one edge (`ProblemMiddleware`).
///
/// For example:
///
/// ```swift
/// throw Problem.badRequest("bbox takes four numbers W,S,E,N, got '1,2,3'")
/// ```
public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// What went wrong, for a person: names the parameter and the value.
    public var detail: String
    /// Extra response headers (e.g. `WWW-Authenticate` for 401).
    public var headers: HTTPFields

    /// A problem with `status` and `detail`.
    public init(_ status: HTTPResponse.Status, _ detail: String, headers: HTTPFields = [:]) {
        self.status = status
        self.detail = detail
        self.headers = headers
    }

    /// 400: a parameter or body the server cannot use.
    public static func badRequest(_ detail: String) -> Problem { Problem(.badRequest, detail) }

    /// 404: no such resource.
    public static func notFound(_ detail: String) -> Problem { Problem(.notFound, detail) }

    public var description: String { "\(status.code) \(status.reasonPhrase): \(detail)" }

    /// The problem document, with the keys in a fixed order.
    public var json: String {
        "{\"type\":\"about:blank\",\"title\":\(TextEscaping.jsonString(status.reasonPhrase)),"
            + "\"status\":\(status.code),\"detail\":\(TextEscaping.jsonString(detail))}"
    }

    /// The response: the JSON document with its media type and `headers`.
    public func response() -> Response {
        var fields = headers
        fields[.contentType] = MediaTypes.problem
        let bytes = ByteBuffer(string: json + "\n")
        fields[.contentLength] = String(bytes.readableBytes)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: bytes))
    }
}
