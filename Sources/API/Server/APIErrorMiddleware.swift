import Foundation
import Hummingbird
import Logging

/// Turns every failure into the API's JSON error: a route that exists for another method is 405
/// with `Allow`, an unknown path 404, a body over the limit 413, anything unexpected 500 (logged,
/// never echoed).
struct APIErrorMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext

    /// Every route, for the 405 check.
    let routes: [(method: HTTPRequest.Method, path: String)]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as HTTPError {
            throw convert(error, request)
        } catch is CancellationError {
            throw APIError.unavailable("the server is shutting down")
        } catch {
            context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            throw APIError.internal("the request failed on the server")
        }
    }

    func convert(_ error: HTTPError, _ request: Request) -> APIError {
        switch error.status {
        case .notFound, .methodNotAllowed:
            let path = request.uri.path[...]
            let allowed = routes.filter { APIRoute.matches(template: $0.path, path: path) }.map(\.method.rawValue)
            if !allowed.isEmpty {
                let allow = Array(Set(allowed)).sorted().joined(separator: ", ")
                return APIError(
                    .methodNotAllowed, code: "method_not_allowed", message: "\(request.method.rawValue) is not allowed here; use \(allow)",
                    headers: [.allow: allow])
            }
            return APIError.notFound("no route \(request.uri.path.prefix(200))")
        case .contentTooLarge:
            return APIError(.contentTooLarge, code: "too_large", message: "the body is too large")
        default:
            return APIError(
                error.status, code: error.status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"),
                message: error.body ?? error.status.reasonPhrase)
        }
    }
}
