import Foundation

/// Reading history: keyset pages with filters, and single executions.
extension PostgresExecutionStore {
    /// The columns every read selects, in this order: ``record(from:)`` reads them by position.
    enum Column: Int, CaseIterable {
        case id, recordID, jobID, attempt, maxAttempts, trigger, scheduleID, scheduleName, fireID, rerunOf, scheduledFor
        case enqueuedAt, startedAt, finishedAt, durationMs, method, url, httpStatus, responseHeaders, responseBody
        case responseSize, outcome, errorKind, error, willRetry, worker, traceID, queue

        /// The column's name in the table.
        var name: String {
            switch self {
            case .id: "id"
            case .recordID: "record_id"
            case .jobID: "job_id"
            case .attempt: "attempt"
            case .maxAttempts: "max_attempts"
            case .trigger: "trigger"
            case .scheduleID: "schedule_id"
            case .scheduleName: "schedule_name"
            case .fireID: "fire_id"
            case .rerunOf: "rerun_of"
            case .scheduledFor: "scheduled_for"
            case .enqueuedAt: "enqueued_at"
            case .startedAt: "started_at"
            case .finishedAt: "finished_at"
            case .durationMs: "duration_ms"
            case .method: "method"
            case .url: "url"
            case .httpStatus: "http_status"
            case .responseHeaders: "response_headers"
            case .responseBody: "response_body"
            case .responseSize: "response_size"
            case .outcome: "outcome"
            case .errorKind: "error_kind"
            case .error: "error"
            case .willRetry: "will_retry"
            case .worker: "worker"
            case .traceID: "trace_id"
            case .queue: "queue"
            }
        }
    }

    static let selectColumns = Column.allCases.map(\.name).joined(separator: ", ")

    /// A page of attempts matching `query`, newest first (by start, then id).
    package func page(_ query: ExecutionQuery) async throws(PostgresError) -> ExecutionPage {
        var conditions: [String] = []
        var parameters: [(any PostgresBindable)?] = []
        func bind(_ value: any PostgresBindable) -> String {
            parameters.append(value)
            return "$\(parameters.count)"
        }
        if !query.statuses.isEmpty {
            let statuses: [String?] = query.statuses.map(\.rawValue).sorted()
            conditions.append("status = ANY(\(bind(PostgresArray.texts(statuses))))")
        }
        if let name = query.name, !name.isEmpty {
            // The name history shows; `strpos` on lowered text: no pattern characters to escape.
            // No stored name holds a NUL byte, and no parameter may: such a term matches nothing.
            let matches = name.terms.map { term in
                term.utf8.contains(0) ? "false" : "strpos(lower(COALESCE(schedule_name, job_id)), lower(\(bind(term)))) > 0"
            }
            let any = "(" + matches.joined(separator: " OR ") + ")"
            conditions.append(name.excluding ? "NOT " + any : any)
        }
        if let name = query.scheduleName { conditions.append("schedule_name = \(bind(name))") }
        if let id = query.scheduleID { conditions.append("schedule_id = \(bind(id))") }
        if let since = query.since { conditions.append("started_at >= \(bind(Self.timestamp(since)))") }
        if let trace = query.traceID { conditions.append("trace_id = \(bind(trace.lowercased()))") }
        if let job = query.jobID { conditions.append("job_id = \(bind(job))") }
        if let queue = query.queue { conditions.append("queue = \(bind(queue))") }
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
            let started = try row.decode(Column.startedAt.rawValue, as: PostgresTimestamp.self).microsecondsSinceEpoch
            cursors.append(ExecutionCursor(startedAtMicroseconds: started, id: try row.decode(Column.id.rawValue, as: Int64.self)))
        }
        return ExecutionPage(records: records, next: rows.count > limit ? cursors.last : nil, cursors: cursors)
    }

    /// The attempt with row id `id`, nil if there is none.
    package func execution(id: Int64) async throws(PostgresError) -> ExecutionRecord? {
        let rows = try await pool.query("SELECT \(Self.selectColumns) FROM \(StoreTables.executions) WHERE id = $1", [id])
        return try rows.first.map(Self.record(from:))
    }

    /// How many rows the table holds (for benchmarks and tests).
    package func count() async throws(PostgresError) -> Int {
        try await pool.query("SELECT count(*) FROM \(StoreTables.executions)")[0].decode(0, as: Int.self)
    }

    static func record(from row: PostgresRow) throws(PostgresError) -> ExecutionRecord {
        func value<T: PostgresDecodable>(_ column: Column, as type: T.Type = T.self) throws(PostgresError) -> T {
            try row.decode(column.rawValue, as: type)
        }
        func ms(_ column: Column) throws(PostgresError) -> Int64? {
            try value(column, as: PostgresTimestamp?.self).map { $0.microsecondsSinceEpoch / 1_000 }
        }
        guard let trigger = HTTPJob.Trigger(rawValue: try value(.trigger, as: String.self)) else {
            throw PostgresError(code: .decoding, message: "unknown trigger in executions row")
        }
        var record = ExecutionRecord(
            recordID: try value(.recordID), jobID: try value(.jobID), attempt: try value(.attempt),
            maxAttempts: try value(.maxAttempts), trigger: trigger, scheduleID: try value(.scheduleID),
            scheduleName: try value(.scheduleName), fireID: try value(.fireID), rerunOf: try value(.rerunOf),
            scheduledFor: try ms(.scheduledFor), enqueuedAt: try ms(.enqueuedAt), startedAt: try ms(.startedAt) ?? 0,
            method: try value(.method, as: String?.self) ?? "", url: try value(.url, as: String?.self) ?? "",
            worker: try value(.worker), queue: try value(.queue), traceID: try value(.traceID, as: String?.self) ?? "")
        record.id = try value(.id)
        record.finishedAt = try ms(.finishedAt)
        record.durationMs = try value(.durationMs)
        record.httpStatus = try value(.httpStatus)
        if let json = try value(.responseHeaders, as: PostgresJSON?.self) {
            record.responseHeaders = try? json.decode([[String]].self)
        }
        record.responseBody = try value(.responseBody)
        record.responseSize = try value(.responseSize)
        record.outcome = try value(.outcome, as: String?.self).flatMap(ExecutionOutcome.init(rawValue:))
        record.errorKind = try value(.errorKind, as: String?.self).flatMap(ExecutionErrorKind.init(rawValue:))
        record.error = try value(.error)
        record.willRetry = try value(.willRetry)
        return record
    }
}
