import Engine

/// What the history routes need, through the system's façade: keyset pages and single attempts.
struct ExecutionStoreAPIBackend: Sendable {
    /// The system it reads.
    let system: CronSystem

    func page(_ query: APIExecutionQuery) async throws(APIError) -> APIExecutionPage {
        let page: ExecutionPage
        do {
            page = try await system.history(Self.query(query))
        } catch {
            throw APIError.unavailable("history cannot be read: \(error)")
        }
        let records = zip(page.records, page.cursors).map { record, cursor in Self.view(record, cursor: cursor, detail: false) }
        return APIExecutionPage(records: records, next: page.next?.description)
    }

    func execution(id: Int64) async throws(APIError) -> APIExecution? {
        do {
            return try await system.execution(id: id).map { Self.view($0, cursor: nil, detail: true) }
        } catch {
            throw APIError.unavailable("history cannot be read: \(error)")
        }
    }

    /// The store's query for the API's: a schedule given as digits is an id, otherwise a name.
    static func query(_ query: APIExecutionQuery) -> ExecutionQuery {
        var result = ExecutionQuery(
            status: query.status.flatMap(ExecutionStatus.init(rawValue:)), since: query.since, traceID: query.traceID, jobID: query.jobID,
            limit: query.limit,
            after: query.cursor.flatMap(APIExecutionQuery.cursorParts).map { ExecutionCursor(startedAtMicroseconds: $0.microseconds, id: $0.id) })
        if let schedule = query.schedule {
            switch ScheduleReference(schedule) {
            case .id(let id): result.scheduleID = id
            case .name(let name): result.scheduleName = name
            }
        }
        return result
    }

    /// A stored attempt as the API shows it; the response headers and body only with `detail`.
    static func view(_ record: ExecutionRecord, cursor: ExecutionCursor?, detail: Bool) -> APIExecution {
        APIExecution(
            id: record.id ?? 0, cursor: cursor?.description, recordID: record.recordID.uuidString.lowercased(), jobID: record.jobID,
            attempt: record.attempt, maxAttempts: record.maxAttempts, trigger: record.trigger.rawValue, status: record.status.rawValue,
            outcome: record.outcome?.rawValue, errorKind: record.errorKind?.rawValue, error: record.error, httpStatus: record.httpStatus,
            durationMs: record.durationMs, scheduleID: record.scheduleID, scheduleName: record.scheduleName, fireID: record.fireID,
            rerunOf: record.rerunOf, scheduledFor: record.scheduledFor, enqueuedAt: record.enqueuedAt, startedAt: record.startedAt,
            finishedAt: record.finishedAt, method: record.method, url: record.url, responseHeaders: detail ? record.responseHeaders : nil,
            responseSize: record.responseSize, responseBody: detail ? record.responseBody.map { Array($0) } : nil, worker: record.worker,
            traceID: record.traceID)
    }
}
