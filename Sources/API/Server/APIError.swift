import Engine
import Hummingbird

/// Every error the API answers with: an HTTP status and the JSON body
/// `{"error": {"code": "...", "message": "...", "field": "..."}}`.
///
/// Backends throw it too, so the lead of a route decides nothing about statuses twice: a bad
/// field is ``invalid(_:_:)`` (400, naming the field), a missing thing ``notFound(_:)`` (404).
public struct APIError: Error, Sendable, Equatable, HTTPResponseError {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A stable machine-readable code, e.g. `invalid`, `not_found`, `unauthorized`.
    public var code: String
    /// A one-line explanation for a person.
    public var message: String
    /// The JSON field or query parameter at fault, when one is.
    public var field: String?
    /// Extra response headers (`Allow`, `WWW-Authenticate`).
    public var headers: HTTPFields

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, code: String, message: String, field: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    /// 400: `field` holds a value that is not acceptable.
    public static func invalid(_ field: String?, _ message: String) -> APIError {
        APIError(.badRequest, code: "invalid", message: message, field: field)
    }

    /// 404: nothing is there.
    public static func notFound(_ message: String) -> APIError {
        APIError(.notFound, code: "not_found", message: message)
    }

    /// 409: the request conflicts with the current state (a name in use, a job in the wrong state).
    public static func conflict(_ message: String, field: String? = nil) -> APIError {
        APIError(.conflict, code: "conflict", message: message, field: field)
    }

    /// 503: a service this route needs (Redis, PostgreSQL, a backend not wired) is unavailable.
    public static func unavailable(_ message: String) -> APIError {
        APIError(.serviceUnavailable, code: "unavailable", message: message)
    }

    /// 500: something failed that the caller cannot fix; the message says what, never a secret.
    public static func `internal`(_ message: String) -> APIError {
        APIError(.internalServerError, code: "internal", message: message)
    }

    /// The JSON response.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var writer = JSONWriter()
        writer.object { o in
            o.object("error") { e in
                e.string("code", code)
                e.string("message", message)
                if let field { e.string("field", field) }
            }
        }
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: writer.buffer))
    }
}
