import Engine

/// What the history routes need, through the system's façade: keyset pages and single attempts.
struct ExecutionStoreAPIBackend: Sendable {
    /// The system it reads.
    let system: CronSystem

    func page(_ query: APIExecutionQuery) async throws(APIError) -> ExecutionPage {
        do {
            return try await system.history(Self.query(query))
        } catch {
            throw APIError.unavailable("history cannot be read: \(error)")
        }
    }

    func execution(id: Int64) async throws(APIError) -> ExecutionRecord? {
        do {
            return try await system.execution(id: id)
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
        result.queue = query.queue
        if let schedule = query.schedule {
            switch ScheduleReference(schedule) {
            case .id(let id): result.scheduleID = id
            case .name(let name): result.scheduleName = name
            }
        }
        return result
    }
}
