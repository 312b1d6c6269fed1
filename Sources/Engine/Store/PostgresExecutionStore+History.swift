import Foundation

/// Reading history: keyset pages with filters, and single executions.
extension PostgresExecutionStore {
    static let selectColumns = """
        id, record_id, job_id, attempt, max_attempts, trigger, schedule_id, schedule_name, fire_id, rerun_of, scheduled_for,
        enqueued_at, started_at, finished_at, duration_ms, method, url, http_status, response_headers, response_body,
        response_size, outcome, error_kind, error, will_retry, worker, trace_id
        """

    /// A page of attempts matching `query`, newest first (by start, then id).
    public func page(_ query: ExecutionQuery) async throws(PostgresError) -> ExecutionPage {
        var conditions: [String] = []
        var parameters: [(any PostgresBindable)?] = []
        func bind(_ value: any PostgresBindable) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        if let status = query.status { conditions.append("status = \(bind(status.rawValue))") }
        if let name = query.scheduleName { conditions.append("schedule_name = \(bind(name))") }
        if let id = query.scheduleID { conditions.append("schedule_id = \(bind(id))") }
        if let since = query.since { conditions.append("started_at >= \(bind(Self.timestamp(since)))") }
        if let trace = query.traceID { conditions.append("trace_id = \(bind(trace.lowercased()))") }
        if let job = query.jobID { conditions.append("job_id = \(bind(job))") }
        if let after = query.after {
            let at = bind(PostgresTimestamp(microsecondsSinceEpoch: after.startedAtMicroseconds))
            conditions.append("(started_at, id) < (\(at), \(bind(after.id)))")
        }
        let limit = max(1, min(query.limit, 1_000))
        let sql = """
            SELECT \(Self.selectColumns) FROM \(StoreTables.executions)
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY started_at DESC, id DESC LIMIT \(limit + 1)
            """
        let rows = try await pool.query(sql, parameters)
        var records: [ExecutionRecord] = []
        var cursors: [ExecutionCursor] = []
        for row in rows.prefix(limit) {
            records.append(try Self.record(from: row))
            let started = try row.decode("started_at", as: PostgresTimestamp.self)
            cursors.append(ExecutionCursor(startedAtMicroseconds: started.microsecondsSinceEpoch, id: try row.decode("id", as: Int64.self)))
        }
        return ExecutionPage(records: records, next: rows.count > limit ? cursors.last : nil, cursors: cursors)
    }

    /// The attempt with row id `id`, nil if there is none.
    public func execution(id: Int64) async throws(PostgresError) -> ExecutionRecord? {
        let rows = try await pool.query("SELECT \(Self.selectColumns) FROM \(StoreTables.executions) WHERE id = $1", [id])
        return try rows.first.map(Self.record(from:))
    }

    /// How many rows the table holds (for benchmarks and tests).
    public func count() async throws(PostgresError) -> Int {
        try await pool.query("SELECT count(*) FROM \(StoreTables.executions)")[0].decode(0, as: Int.self)
    }

    static func record(from row: PostgresRow) throws(PostgresError) -> ExecutionRecord {
        func ms(_ name: String) throws(PostgresError) -> Int64? {
            try row.decode(name, as: PostgresTimestamp?.self).map { $0.microsecondsSinceEpoch / 1_000 }
        }
        guard let trigger = HTTPJob.Trigger(rawValue: try row.decode("trigger", as: String.self)) else {
            throw PostgresError(code: .decoding, message: "unknown trigger in executions row")
        }
        var record = ExecutionRecord(
            recordID: try row.decode("record_id", as: UUID.self), jobID: try row.decode("job_id", as: String.self),
            attempt: try row.decode("attempt", as: Int.self), maxAttempts: try row.decode("max_attempts", as: Int.self), trigger: trigger,
            scheduleID: try row.decode("schedule_id", as: Int64?.self), scheduleName: try row.decode("schedule_name", as: String?.self),
            fireID: try row.decode("fire_id", as: Int64?.self), rerunOf: try row.decode("rerun_of", as: String?.self),
            scheduledFor: try ms("scheduled_for"), enqueuedAt: try ms("enqueued_at"), startedAt: try ms("started_at") ?? 0,
            method: try row.decode("method", as: String?.self) ?? "", url: try row.decode("url", as: String?.self) ?? "",
            worker: try row.decode("worker", as: String?.self), traceID: try row.decode("trace_id", as: String?.self) ?? "")
        record.id = try row.decode("id", as: Int64.self)
        record.finishedAt = try ms("finished_at")
        record.durationMs = try row.decode("duration_ms", as: Int64?.self)
        record.httpStatus = try row.decode("http_status", as: Int?.self)
        if let json = try row.decode("response_headers", as: PostgresJSON?.self) {
            record.responseHeaders = try? json.decode([[String]].self)
        }
        record.responseBody = try row.decode("response_body", as: Data?.self)
        record.responseSize = try row.decode("response_size", as: Int64?.self)
        record.outcome = try row.decode("outcome", as: String?.self).flatMap(ExecutionOutcome.init(rawValue:))
        record.errorKind = try row.decode("error_kind", as: String?.self).flatMap(ExecutionErrorKind.init(rawValue:))
        record.error = try row.decode("error", as: String?.self)
        record.willRetry = try row.decode("will_retry", as: Bool.self)
        return record
    }
}
