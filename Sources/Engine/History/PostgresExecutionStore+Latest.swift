/// The latest attempt of each schedule, for the schedules view.
extension PostgresExecutionStore {
    /// The newest attempt of each of `scheduleIDs` that has one, without its response headers and
    /// body (a listing has no room for them); one index probe per schedule (the
    /// `(schedule_id, started_at DESC, id DESC)` index), never a scan of history.
    package func latest(forSchedules scheduleIDs: [Int64]) async throws(PostgresError) -> [Int64: ExecutionRecord] {
        if scheduleIDs.isEmpty { return [:] }
        let columns = Column.allCases.map { $0 == .responseHeaders || $0 == .responseBody ? "NULL" : "e." + $0.name }
        let sql = """
            SELECT \(columns.joined(separator: ", ")) FROM unnest($1::bigint[]) AS s(id)
            JOIN LATERAL (
              SELECT * FROM \(StoreTables.executions) WHERE schedule_id = s.id ORDER BY started_at DESC, id DESC LIMIT 1
            ) e ON true
            """
        let rows = try await pool.query(sql, [PostgresArray.bigints(scheduleIDs)])
        var result: [Int64: ExecutionRecord] = [:]
        for row in rows {
            let record = try Self.record(from: row)
            if let id = record.scheduleID { result[id] = record }
        }
        return result
    }
}
