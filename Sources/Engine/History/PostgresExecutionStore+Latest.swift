/// The latest attempt of each schedule, for the schedules view.
extension PostgresExecutionStore {
    /// The newest attempt's status and start (epoch ms) for each of `scheduleIDs`; one index probe
    /// per schedule (the `(schedule_id, started_at DESC, id DESC)` index), never a scan of history.
    package func latest(forSchedules scheduleIDs: [Int64]) async throws(PostgresError) -> [Int64: (status: ExecutionStatus, startedAt: Int64)] {
        if scheduleIDs.isEmpty { return [:] }
        let sql = """
            SELECT s.id, e.status, e.started_at FROM unnest($1::bigint[]) AS s(id)
            JOIN LATERAL (
              SELECT status, started_at FROM \(StoreTables.executions) WHERE schedule_id = s.id ORDER BY started_at DESC, id DESC LIMIT 1
            ) e ON true
            """
        let rows = try await pool.query(sql, ["{" + scheduleIDs.map(String.init).joined(separator: ",") + "}"])
        var result: [Int64: (status: ExecutionStatus, startedAt: Int64)] = [:]
        for row in rows {
            guard let status = ExecutionStatus(rawValue: try row.decode(1, as: String.self)) else { continue }
            let started = try row.decode(2, as: PostgresTimestamp.self)
            result[try row.decode(0, as: Int64.self)] = (status, started.microsecondsSinceEpoch / 1_000)
        }
        return result
    }
}
