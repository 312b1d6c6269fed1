import Engine
import Foundation
import Hummingbird
import Logging

/// The route handlers, over the server's dependencies. Each concern is an extension
/// (`APIHandlers+Queue.swift`, `+Schedules`, `+History`, `+Events`, `+Health`).
struct APIHandlers: Sendable {
    let dependencies: APIDependencies
    let configuration: APIConfiguration
    let options: APIServer.Options
    let logger: Logger
    /// Open event streams, for the limit.
    let openStreams = StreamCount()

    init(dependencies: APIDependencies, configuration: APIConfiguration, options: APIServer.Options, logger: Logger) {
        self.dependencies = dependencies
        self.configuration = configuration
        self.options = options
        self.logger = logger
    }

    /// Every route the API serves.
    var routes: [APIRoute] {
        [
            APIRoute(method: .get, path: "/healthz", role: .read, handler: healthz),
            APIRoute(method: .get, path: "/readyz", role: .read, handler: readyz),
            APIRoute(method: .get, path: "/metrics", role: .read, handler: metrics),
            APIRoute(method: .get, path: "/api/openapi.json", role: .read, handler: openAPI),
            APIRoute(method: .get, path: "/api/cron/queue/stats", role: .read, handler: queueStats),
            APIRoute(method: .post, path: "/api/cron/queue/pause", role: .admin) { try await self.setQueuePaused(true, $0, $2) },
            APIRoute(method: .post, path: "/api/cron/queue/resume", role: .admin) { try await self.setQueuePaused(false, $0, $2) },
            APIRoute(method: .get, path: "/api/cron/events", role: .read, handler: events),
            APIRoute(method: .get, path: "/api/cron/jobs", role: .read, handler: history),
            APIRoute(method: .post, path: "/api/cron/jobs/:id/retry", role: .admin, handler: retryJob),
            APIRoute(method: .post, path: "/api/cron/jobs/:id/rerun", role: .admin, handler: rerunJob),
            APIRoute(method: .get, path: "/api/cron/executions/:id", role: .read, handler: execution),
            APIRoute(method: .get, path: "/api/cron/schedules", role: .read, handler: listSchedules),
            APIRoute(method: .post, path: "/api/cron/schedules", role: .admin, handler: createSchedule),
            APIRoute(method: .get, path: "/api/cron/schedules/:id", role: .read, handler: getSchedule),
            APIRoute(method: .patch, path: "/api/cron/schedules/:id", role: .admin, handler: updateSchedule),
            APIRoute(method: .delete, path: "/api/cron/schedules/:id", role: .admin, handler: deleteSchedule),
            APIRoute(method: .post, path: "/api/cron/schedules/:id/run", role: .admin, handler: runSchedule),
            APIRoute(method: .post, path: "/api/cron/schedules/:id/pause", role: .admin) { try await self.setSchedulePaused(true, $0, $1, $2) },
            APIRoute(method: .post, path: "/api/cron/schedules/:id/resume", role: .admin) { try await self.setSchedulePaused(false, $0, $1, $2) },
            APIRoute(method: .get, path: "/api/cron/schedules/:id/next", role: .read, handler: nextFires),
            // The seed system's name for "run a schedule now"; kept so its callers keep working.
            APIRoute(method: .post, path: "/api/cron/agendamentos/:id/run", role: .admin, handler: runSchedule),
        ]
    }

    // MARK: - Shared helpers

    /// A JSON response with `status`.
    static func json(_ status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], _ body: (inout JSONWriter) -> Void) -> Response {
        var writer = JSONWriter()
        body(&writer)
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: writer.buffer))
    }

    /// The system behind the routes, or 503.
    func system() throws(APIError) -> CronSystem {
        guard let system = dependencies.system else { throw APIError.unavailable("this server has no queue") }
        return system
    }

    /// A path parameter, percent-decoded (`/api/cron/schedules/%C3%A9t%C3%A9` names `été`).
    static func parameter(_ context: BasicRequestContext, _ name: String = "id") throws(APIError) -> String {
        guard let raw = context.parameters.get(name), !raw.isEmpty else { throw APIError.invalid(name, "\(name) is missing") }
        guard let value = raw.removingPercentEncoding, !value.isEmpty else {
            throw APIError.invalid(name, "\(name) is not valid percent-encoded UTF-8")
        }
        guard value.utf8.count <= 200 else { throw APIError.invalid(name, "\(name) is longer than 200 bytes") }
        return value
    }

    /// Maps a queue failure to the API's errors.
    static func apiError(_ error: QueueError) -> APIError {
        switch error.code {
        case .notFound: APIError.notFound(error.message)
        case .wrongState: APIError.conflict(error.message)
        case .invalid: APIError.invalid("id", error.message)
        case .audit: APIError.unavailable(error.message)
        default: APIError.unavailable("the queue cannot be reached: \(error.message)")
        }
    }
}
