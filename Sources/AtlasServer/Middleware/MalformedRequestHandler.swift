import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Answers requests the HTTP parser refuses (a 10 MB query string overflows its 80 KiB limit
/// on the request line and headers; bytes that are not HTTP) with a problem document, as every
/// other 4xx is, instead of Hummingbird's empty 400; then closes the connection.
///
/// It sits in the channel pipeline right after the HTTP codec, so it sees the parser's error
/// before the request loop does.
final class MalformedRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    /// True once a problem was written: the connection is closing, and later errors of the
    /// same bad request are ignored.
    private var answered = false

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        guard !answered else { return }
        answered = true
        let problem: Problem
        switch parserError {
        case .headerOverflow:
            problem = Problem(.uriTooLong, "the request line and headers are longer than the server accepts (80 KiB); "
                + "a query string may be at most \(QueryParameters.maximumLength) bytes")
        default:
            problem = Problem(.badRequest, "the request is not well-formed HTTP/1.1 (\(parserError))")
        }
        let body = ByteBuffer(string: problem.json + "\n")
        var fields: HTTPFields = [.contentType: MediaTypes.problem, .connection: "close"]
        fields[.contentLength] = String(body.readableBytes)
        context.write(wrapOutboundOut(.head(HTTPResponse(status: problem.status, headerFields: fields))), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
    }
}
