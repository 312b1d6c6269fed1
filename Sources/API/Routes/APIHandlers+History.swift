import Engine
import Hummingbird

/// Execution history (seed-compatible `GET /api/cron/jobs`) and single attempts.
extension APIHandlers {
    /// `GET /api/cron/jobs?status=&schedule=&since=&trace=&job=&queue=&limit=&cursor=`: a keyset
    /// page, newest first; `next_cursor` continues it.
    @Sendable func history(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        let query = try Self.historyQuery(
            QueryParameters(request, allowed: ["status", "schedule", "since", "trace", "job", "queue", "limit", "cursor"]))
        guard let system = dependencies.system else { throw APIError.unavailable("this server has no execution history") }
        let backend = ExecutionStoreAPIBackend(system: system)
        let page = try await backend.page(query)
        return Self.json { json in
            json.object { o in
                o.key("items")
                page.writeJSON(to: &o)
                o.string("next_cursor", page.next?.description)
                o.int("limit", query.limit)
            }
        }
    }

    /// Checks the query parameters of a history page; `now` (epoch ms) is what a `since` duration
    /// counts back from.
    static func historyQuery(_ q: QueryParameters, now: Int64 = SystemQueueClock().nowMilliseconds()) throws(APIError) -> APIExecutionQuery {
        var query = APIExecutionQuery(limit: try q.int("limit", in: 1...1_000, default: 50))
        if let status = q["status"] {
            guard APIExecutionQuery.statuses.contains(status) else {
                throw APIError.invalid("status", "status must be one of \(APIExecutionQuery.statuses.joined(separator: ", "))")
            }
            query.status = status
        }
        if let schedule = q["schedule"] {
            guard !schedule.isEmpty, schedule.utf8.count <= 200 else { throw APIError.invalid("schedule", "schedule must be 1-200 bytes") }
            query.schedule = schedule
        }
        if let since = q["since"] {
            if let ms = Int64(since), ms >= 0, APIExecutionQuery.instantRange.contains(ms) {
                query.since = ms
            } else if let ms = ISOTime.parse(since), APIExecutionQuery.instantRange.contains(ms) {
                query.since = ms
            } else if let back = DurationText.milliseconds(since, max: 36_500 * 86_400_000), back > 0 {
                // A duration back from now, as `crontui history --since 15m` takes it.
                query.since = max(0, now - back)
            } else {
                throw APIError.invalid(
                    "since", "since must be an RFC 3339 instant (2026-05-01T12:00:00Z), epoch milliseconds or a duration back from now (15m, 2h, 7d)")
            }
        }
        if let trace = q["trace"] {
            guard trace.utf8.count == 32, trace.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x66) }) else {
                throw APIError.invalid("trace", "trace must be 32 hex digits")
            }
            query.traceID = trace.lowercased()
        }
        if let job = q["job"] {
            guard !job.isEmpty, job.utf8.count <= 200 else { throw APIError.invalid("job", "job must be 1-200 bytes") }
            query.jobID = job
        }
        query.queue = try q.queue()
        if let cursor = q["cursor"] {
            guard APIExecutionQuery.cursorParts(cursor) != nil else {
                throw APIError.invalid("cursor", "cursor must be a next_cursor from a previous page")
            }
            query.cursor = cursor
        }
        return query
    }

    /// `GET /api/cron/executions/:id`: one attempt with its response headers and body.
    @Sendable func execution(_ request: Request, _ context: BasicRequestContext, _ caller: APICaller) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let text = try Self.parameter(context)
        guard let id = Int64(text), id >= 0 else { throw APIError.invalid("id", "id must be a whole number") }
        guard let system = dependencies.system else { throw APIError.unavailable("this server has no execution history") }
        let backend = ExecutionStoreAPIBackend(system: system)
        guard let record = try await backend.execution(id: id) else { throw APIError.notFound("no execution \(id)") }
        return Self.json { json in record.writeJSON(to: &json, cursor: nil, detail: true) }
    }
}
