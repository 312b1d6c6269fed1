import Foundation

/// Execution history in PostgreSQL: batched writes for the recorder, and the queries of
/// `crontui history` and the dashboard (see `PostgresExecutionStore+History.swift`).
package struct PostgresExecutionStore: ExecutionStore {
    /// The connections it uses.
    package let pool: PostgresPool

    /// A store on `pool`.
    package init(pool: PostgresPool) {
        self.pool = pool
    }

    /// The columns written, in parameter order, with their SQL types.
    static let columns: [(name: String, type: String)] = [
        ("record_id", "uuid"), ("schedule_id", "bigint"), ("schedule_name", "text"), ("fire_id", "bigint"), ("job_id", "text"),
        ("attempt", "integer"), ("max_attempts", "integer"), ("trigger", "text"), ("rerun_of", "text"), ("scheduled_for", "timestamptz"),
        ("enqueued_at", "timestamptz"), ("started_at", "timestamptz"), ("finished_at", "timestamptz"), ("duration_ms", "bigint"),
        ("method", "text"), ("url", "text"), ("http_status", "integer"), ("response_headers", "jsonb"), ("response_body", "bytea"),
        ("response_size", "bigint"), ("outcome", "text"), ("error_kind", "text"), ("error", "text"), ("will_retry", "boolean"),
        ("status", "text"), ("worker", "text"), ("trace_id", "text"), ("queue", "text"),
    ]

    /// Columns a finishing record sets on the row its start created.
    static let finishing = [
        "finished_at", "duration_ms", "http_status", "response_headers", "response_body", "response_size", "outcome", "error_kind",
        "error", "will_retry", "status", "worker",
    ]

    /// The most records per statement (PostgreSQL takes at most 65,535 parameters).
    package static let maxBatch = 65_535 / columns.count

    package func write(_ records: [ExecutionRecord]) async throws(PostgresError) -> Int {
        let unique = Self.coalesce(records)
        var written = 0
        var start = 0
        while start < unique.count {
            let chunk = unique[start..<min(start + Self.maxBatch, unique.count)]
            let (sql, parameters) = Self.insert(chunk)
            written += try await pool.query(sql, parameters)[0].decode(0, as: Int.self)
            start += chunk.count
        }
        return written
    }

    /// Closes the attempts of `jobIDs` still running, as failed with error kind `abandoned`: the
    /// stalled check failed these jobs for good after their workers vanished (see
    /// ``WorkerPoolOptions/onStalledFailure``). A finish that still arrives replaces that. Returns
    /// how many rows it closed.
    package func abandonRunning(jobIDs: [String], at epochMilliseconds: Int64) async throws(PostgresError) -> Int {
        if jobIDs.isEmpty { return 0 }
        let sql = """
            UPDATE \(StoreTables.executions)
            SET outcome = 'retryable', error_kind = 'abandoned', will_retry = false, status = 'failed', finished_at = $2,
              error = 'stalled: the worker vanished while the attempt ran, too often to try again'
            WHERE job_id = ANY($1) AND outcome IS NULL
            """
        return try await pool.query(sql, [PostgresArray.texts(jobIDs.map(Optional.some)), Self.timestamp(epochMilliseconds)]).affectedRows
    }

    /// One record per record id, the finished one when both a start and an end are present (one
    /// statement may not touch a row twice); sorted by id so concurrent writers lock rows in the
    /// same order.
    static func coalesce(_ records: [ExecutionRecord]) -> [ExecutionRecord] {
        var byID: [UUID: ExecutionRecord] = [:]
        byID.reserveCapacity(records.count)
        for record in records {
            if let existing = byID[record.recordID], existing.outcome != nil, record.outcome == nil { continue }
            byID[record.recordID] = record
        }
        return byID.values.sorted { order($0.recordID) < order($1.recordID) }
    }

    /// A cheap total order on record ids (their first 8 bytes, then the rest).
    private static func order(_ id: UUID) -> (UInt64, UInt64) {
        withUnsafeBytes(of: id.uuid) { ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
    }

    /// The multi-row upsert of `records`, returning how many rows it wrote. Schedule and fire ids go
    /// through a lookup, so a record whose schedule was deleted meanwhile is kept (with no schedule)
    /// instead of failing its batch.
    ///
    /// A job runs one attempt at a time, so an older row of the same job still running when a newer
    /// attempt is written belongs to a worker that vanished (its lock expired and the job ran again):
    /// that row is closed as `interrupted`, error kind `abandoned`, and a finish that still arrives
    /// for it later replaces that.
    static func insert(_ records: ArraySlice<ExecutionRecord>) -> (String, [(any PostgresBindable)?]) {
        var parameters: [(any PostgresBindable)?] = []
        parameters.reserveCapacity(records.count * columns.count)
        var rows: [String] = []
        rows.reserveCapacity(records.count)
        for record in records {
            let base = parameters.count
            parameters += values(of: record)
            rows.append("(" + columns.enumerated().map { "$\(base + $0.offset + 1)::\($0.element.type)" }.joined(separator: ",") + ")")
        }
        let names = columns.map(\.name)
        let selected = names.map { name -> String in
            switch name {
            case "schedule_id": "(SELECT s.id FROM \(StoreTables.schedules) s WHERE s.id = v.schedule_id)"
            // A fire's ledger row may reach PostgreSQL before or after its executions: whichever
            // comes second links them (see ``FireLedger/write(_:)``).
            case "fire_id":
                """
                COALESCE((SELECT f.id FROM \(StoreTables.fires) f WHERE f.id = v.fire_id),
                  (SELECT f.id FROM \(StoreTables.fires) f WHERE f.schedule_id = v.schedule_id AND f.scheduled_for = v.scheduled_for))
                """
            default: "v." + name
            }
        }
        let table = StoreTables.executions
        let sql = """
            WITH written AS (
              INSERT INTO \(table) (\(names.joined(separator: ", ")))
              SELECT \(selected.joined(separator: ", "))
              FROM (VALUES \(rows.joined(separator: ",\n"))) AS v (\(names.joined(separator: ", ")))
              ON CONFLICT (record_id) DO UPDATE SET \(finishing.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", "))
              WHERE (\(table).outcome IS NULL OR \(table).error_kind = 'abandoned') AND EXCLUDED.outcome IS NOT NULL
              RETURNING job_id, record_id, started_at
            ), abandoned AS (
              UPDATE \(table) e
              SET outcome = 'interrupted', error_kind = 'abandoned', will_retry = true, status = 'retrying', finished_at = w.started_at,
                error = 'abandoned: the worker vanished while the attempt ran, and the job ran again'
              FROM written w
              WHERE e.job_id = w.job_id AND e.outcome IS NULL AND e.record_id <> w.record_id AND e.started_at < w.started_at
            )
            SELECT count(*) FROM written
            """
        return (sql, parameters)
    }

    private static func values(of r: ExecutionRecord) -> [(any PostgresBindable)?] {
        // jsonb cannot hold NUL either: header text is made storable whoever built the record.
        let headers = r.responseHeaders.map { pairs in
            PostgresJSON(
                "["
                    + pairs.map { "[" + $0.map { JSONText.string(Redaction.storable($0, limit: 8_192)) }.joined(separator: ",") + "]" }.joined(
                        separator: ",") + "]")
        }
        return [
            r.recordID, r.scheduleID, r.scheduleName.map { Redaction.storable($0, limit: 500) }, r.fireID, Redaction.storable(r.jobID, limit: 500),
            r.attempt, r.maxAttempts, r.trigger.rawValue, r.rerunOf, r.scheduledFor.map(timestamp), r.enqueuedAt.map(timestamp),
            timestamp(r.startedAt), r.finishedAt.map(timestamp), r.durationMs, Redaction.storable(r.method, limit: 20),
            Redaction.storable(r.url, limit: 4_096), r.httpStatus, headers, r.responseBody, r.responseSize, r.outcome?.rawValue,
            r.errorKind?.rawValue, r.error.map { Redaction.storable($0) }, r.willRetry, r.status.rawValue,
            r.worker.map { Redaction.storable($0, limit: 300) }, Redaction.storable(r.traceID, limit: 64),
            r.queue.map { Redaction.storable($0, limit: 64) },
        ]
    }

    static func timestamp(_ epochMilliseconds: Int64) -> PostgresTimestamp {
        PostgresTimestamp(microsecondsSinceEpoch: epochMilliseconds * 1_000)
    }
}
