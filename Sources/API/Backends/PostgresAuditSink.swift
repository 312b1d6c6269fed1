import Engine

/// Writes the API's audit entries to the `audit` table (interface `api`).
public struct PostgresAuditSink: AuditSink {
    /// The connections it uses.
    public let pool: PostgresPool

    /// A sink on `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    public func record(actor: String, action: String, target: String?, details: [String: String]) async throws(APIError) {
        var json = JSONWriter()
        json.object { o in
            for (key, value) in details.sorted(by: { $0.key < $1.key }) { o.string(key, value) }
        }
        do {
            _ = try await pool.query(
                "INSERT INTO \(StoreTables.audit) (at, actor, interface, action, target, details) VALUES (now(), $1, 'api', $2, $3, $4)",
                [actor, action, target, PostgresJSON(String(buffer: json.buffer))])
        } catch {
            throw APIError.unavailable("the audit log cannot be written: \(error)")
        }
    }
}
