import Foundation
import Hummingbird
import Logging

/// Logs one line per request when its response head is ready: method, path, status and the
/// milliseconds taken. The query string is left out (it can be long, and may carry names a
/// monitor would rather not see in logs); its length is given instead.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            // ProblemMiddleware turns every error into a response; this is only reached if it
            // is not installed inside this one.
            log(request, status: 500, since: start)
            throw error
        }
        log(request, status: Int(response.status.code), since: start)
        return response
    }

    private func log(_ request: Request, status: Int, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        let queryBytes = request.uri.query?.utf8.count ?? 0
        logger.info("\(request.method) \(QueryParameters.shown(request.uri.path)) \(status) \(String(format: "%.1f", milliseconds)) ms\(queryBytes > 0 ? " (query \(queryBytes) B)" : "")")
    }
}
