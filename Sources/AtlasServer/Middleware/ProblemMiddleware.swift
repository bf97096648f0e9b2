import Hummingbird
import Logging

/// The one edge where errors become responses: a `Problem` as itself, Hummingbird's own
/// `HTTPError`s (404 for an unknown path, 413 for a body over the limit) as problems with
/// their status, and anything else as a 500 problem that says nothing of the internals (the
/// error itself goes to the log).
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as Problem {
            return problem.response()
        } catch let error as HTTPError {
            let detail: String
            switch error.status {
            case .notFound: detail = "no resource at \(QueryParameters.shown(request.uri.path)); the landing page / lists what there is"
            case .contentTooLarge: detail = "the request body is larger than the server accepts"
            case .methodNotAllowed: detail = "\(request.method) is not allowed on \(QueryParameters.shown(request.uri.path))"
            default: detail = error.body ?? error.status.reasonPhrase
            }
            return Problem(error.status, detail, headers: error.headers).response()
        } catch is CancellationError {
            return Problem(.serviceUnavailable, "the request was cancelled").response()
        } catch {
            logger.error("\(request.method) \(QueryParameters.shown(request.uri.path)): \(error)")
            return Problem(.internalServerError, "the server failed to answer this request; the failure is in its log").response()
        }
    }
}
