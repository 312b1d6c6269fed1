import Engine

/// History read straight from the `executions` table of migration 1, in keyset pages.
///
/// A stand-in until the engine's execution store serves the API through an adapter: the status is
/// derived from `outcome` (none: `running`, `success`: `succeeded`, `retryable`/`permanent`:
/// `failed`), and the schedule filter takes an id or a name.
public struct PostgresExecutionBackend: ExecutionAPIBackend {
    /// The connections it uses.
    public let pool: PostgresPool

    /// A backend on `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    static let columns = """
        id, (extract(epoch FROM started_at) * 1000000)::bigint AS started_us, job_id, attempt, max_attempts, trigger, outcome, error,
        http_status, duration_ms, schedule_id, fire_id, (extract(epoch FROM scheduled_for) * 1000)::bigint AS scheduled_ms,
        (extract(epoch FROM enqueued_at) * 1000)::bigint AS enqueued_ms, (extract(epoch FROM finished_at) * 1000)::bigint AS finished_ms,
        response_size, worker, trace_id
        """

    public func page(_ query: APIExecutionQuery) async throws(APIError) -> APIExecutionPage {
        var conditions: [String] = []
        var parameters: [(any PostgresBindable)?] = []
        func bind(_ value: any PostgresBindable) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        switch query.status {
        case "running"?: conditions.append("outcome IS NULL")
        case "succeeded"?: conditions.append("outcome = 'success'")
        case "failed"?: conditions.append("outcome IN ('retryable', 'permanent')")
        case let other?: conditions.append("outcome = \(bind(other))")
        case nil: break
        }
        if let schedule = query.schedule {
            if let id = Int64(schedule), schedule.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                conditions.append("schedule_id = \(bind(id))")
            } else {
                conditions.append("schedule_id IN (SELECT id FROM \(StoreTables.schedules) WHERE name = \(bind(schedule)))")
            }
        }
        if let since = query.since { conditions.append("started_at >= \(bind(PostgresTimestamp(microsecondsSinceEpoch: since * 1_000)))") }
        if let trace = query.traceID { conditions.append("trace_id = \(bind(trace))") }
        if let job = query.jobID { conditions.append("job_id = \(bind(job))") }
        if let cursor = query.cursor.flatMap(APIExecutionQuery.cursorParts) {
            conditions.append("(started_at, id) < (\(bind(PostgresTimestamp(microsecondsSinceEpoch: cursor.microseconds))), \(bind(cursor.id)))")
        }
        let limit = max(1, min(query.limit, 1_000))
        let sql = """
            SELECT \(Self.columns) FROM \(StoreTables.executions)
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY started_at DESC, id DESC LIMIT \(limit + 1)
            """
        do {
            let rows = try await pool.query(sql, parameters)
            let records = try rows.prefix(limit).map { row throws(PostgresError) in try Self.record(row) }
            return APIExecutionPage(records: records, next: rows.count > limit ? records.last?.cursor : nil)
        } catch {
            throw APIError.unavailable("history cannot be read: \(error)")
        }
    }

    public func execution(id: Int64) async throws(APIError) -> APIExecution? {
        do {
            let rows = try await pool.query(
                "SELECT \(Self.columns), response_headers, response_body FROM \(StoreTables.executions) WHERE id = $1", [id])
            guard let row = rows.first else { return nil }
            var record = try Self.record(row)
            if let headers = try row.decode("response_headers", as: PostgresJSON?.self) {
                record.responseHeaders = try? headers.decode([[String]].self)
            }
            record.responseBody = try row.decode("response_body", as: [UInt8]?.self)
            return record
        } catch {
            throw APIError.unavailable("history cannot be read: \(error)")
        }
    }

    /// Decodes a row of ``columns`` by position (a page decodes 50 of them per request).
    static func record(_ row: PostgresRow) throws(PostgresError) -> APIExecution {
        let id = try row.decode(0, as: Int64.self)
        let startedMicros = try row.decode(1, as: Int64.self)
        let outcome = try row.decode(6, as: String?.self)
        let status =
            switch outcome {
            case nil: "running"
            case "success"?: "succeeded"
            default: "failed"
            }
        return APIExecution(
            id: id, cursor: "\(startedMicros).\(id)", jobID: try row.decode(2, as: String.self), attempt: try row.decode(3, as: Int.self),
            maxAttempts: try row.decode(4, as: Int.self), trigger: try row.decode(5, as: String.self), status: status, outcome: outcome,
            error: try row.decode(7, as: String?.self), httpStatus: try row.decode(8, as: Int?.self), durationMs: try row.decode(9, as: Int64?.self),
            scheduleID: try row.decode(10, as: Int64?.self), fireID: try row.decode(11, as: Int64?.self),
            scheduledFor: try row.decode(12, as: Int64?.self), enqueuedAt: try row.decode(13, as: Int64?.self), startedAt: startedMicros / 1_000,
            finishedAt: try row.decode(14, as: Int64?.self), responseSize: try row.decode(15, as: Int64?.self),
            worker: try row.decode(16, as: String?.self), traceID: try row.decode(17, as: String?.self) ?? "")
    }
}
