/// The row ids of attempts known by job id and attempt number, as the queue's events name them.
extension PostgresExecutionStore {
    /// The row id of each recorded attempt of `jobIDs`, by job id and then attempt number; one index
    /// probe per job (the `(job_id, attempt)` index). An attempt whose record has not been written
    /// yet is absent.
    package func executionIDs(forJobs jobIDs: some Collection<String>) async throws(PostgresError) -> [String: [Int: Int64]] {
        if jobIDs.isEmpty { return [:] }
        let sql = "SELECT job_id, attempt::bigint, id FROM \(StoreTables.executions) WHERE job_id = ANY($1::text[])"
        let rows = try await pool.query(sql, [PostgresArray.texts(jobIDs.map { Optional($0) })])
        var result: [String: [Int: Int64]] = [:]
        for row in rows {
            let job = try row.decode(0, as: String.self)
            result[job, default: [:]][Int(try row.decode(1, as: Int64.self))] = try row.decode(2, as: Int64.self)
        }
        return result
    }
}
