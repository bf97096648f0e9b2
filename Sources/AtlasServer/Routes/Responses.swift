import Hummingbird

/// Builds the responses the routes answer with.
enum Responses {
    /// A complete body of `text` as `type`.
    static func text(_ text: String, type: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = type
        let buffer = ByteBuffer(string: text)
        fields[.contentLength] = String(buffer.readableBytes)
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: buffer))
    }

    /// A JSON document (`type` defaults to `application/json`).
    static func json(_ value: JSONValue, type: String = MediaTypes.json, headers: HTTPFields = [:]) -> Response {
        text(value.text + "\n", type: type, headers: headers)
    }

    /// A document as JSON or as an HTML page titled `title`.
    static func document(_ value: JSONValue, title: String, format: ResponseFormat, type: String = MediaTypes.json) -> Response {
        format == .html ? text(HTMLPage.document(title, value), type: MediaTypes.html) : json(value, type: type)
    }

    /// The body a finished `spool` holds: one buffer with its length when it is all in
    /// memory, else streamed from the spool.
    static func spooled(_ spool: ResponseSpool, type: String, headers: HTTPFields = [:]) -> Response {
        guard let whole = spool.wholeBodyInMemory() else { return stream(spool, type: type, headers: headers) }
        var fields = headers
        fields[.contentType] = type
        fields[.contentLength] = String(whole.readableBytes)
        return Response(status: .ok, headers: fields, body: ResponseBody(byteBuffer: whole))
    }

    /// A body streamed from `spool`, as far as the producer has filled it. If the client goes
    /// away the spool is cancelled, which stops a producer still writing at its next chunk.
    static func stream(_ spool: ResponseSpool, type: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = type
        return Response(status: .ok, headers: fields, body: ResponseBody { writer in
            do {
                while let buffer = try await spool.next() { try await writer.write(buffer) }
                try await writer.finish(nil)
            } catch {
                spool.cancel()
                throw error
            }
        })
    }
}
