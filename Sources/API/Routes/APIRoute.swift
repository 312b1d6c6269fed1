import Engine
import Hummingbird

/// One route: method, path (`:name` segments are parameters), the role it needs, and its handler.
/// The table of routes drives the router, the 405 answers and the OpenAPI test.
struct APIRoute: Sendable {
    typealias Handler = @Sendable (Request, BasicRequestContext, APICaller) async throws -> Response

    /// The method.
    var method: HTTPRequest.Method
    /// The path, e.g. `/api/cron/schedules/:id`.
    var path: String
    /// `admin` for every mutation, `read` otherwise.
    var role: APIRole
    /// Answers the request.
    var handler: Handler

    /// Whether `requestPath` (without query) matches this route's path.
    func matches(path requestPath: Substring) -> Bool {
        Self.matches(template: path, path: requestPath)
    }

    static func matches(template: String, path: Substring) -> Bool {
        let a = template.split(separator: "/", omittingEmptySubsequences: false)
        let b = path.split(separator: "/", omittingEmptySubsequences: false)
        guard a.count == b.count else { return false }
        for (t, p) in zip(a, b) where !(t.hasPrefix(":") && !p.isEmpty) && t != p {
            return false
        }
        return true
    }
}
