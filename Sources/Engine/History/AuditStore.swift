import Foundation

/// The audit log in PostgreSQL: who did what from which interface, newest first.
package struct AuditStore: Sendable {
    /// The connections it uses.
    package let pool: PostgresPool
    /// Stamps the entries.
    package let clock: any QueueClock

    /// A log on `pool`.
    package init(pool: PostgresPool, clock: any QueueClock = SystemQueueClock()) {
        self.pool = pool
        self.clock = clock
    }

    /// Appends `entry`; returns it as stored.
    @discardableResult
    package func record(_ entry: AuditEntry) async throws(PostgresError) -> AuditEntry {
        var stored = entry
        stored.at = clock.nowMilliseconds()
        let rows = try await pool.query(
            "INSERT INTO \(StoreTables.audit) (at, actor, interface, action, target, details) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            [PostgresTimestamp(milliseconds: stored.at), entry.actor, entry.interface.rawValue, entry.action, entry.target, Self.json(entry.details)])
        stored.id = try rows[0].decode(0)
        return stored
    }

    /// Up to `limit` entries older than the entry `beforeID` (all when nil), newest first.
    package func recent(before beforeID: Int64? = nil, limit: Int = 50) async throws(PostgresError) -> [AuditEntry] {
        let rows = try await pool.query(
            """
            SELECT id, floor(extract(epoch FROM at) * 1000)::bigint, actor, interface, action, target, details::text
            FROM \(StoreTables.audit) WHERE $1::bigint IS NULL OR id < $1 ORDER BY id DESC LIMIT $2
            """, [beforeID, max(1, limit)])
        return try rows.map { row throws(PostgresError) in
            var entry = AuditEntry(
                actor: try row.decode(2), interface: AuditEntry.Interface(rawValue: try row.decode(3)) ?? .cli, action: try row.decode(4),
                target: try row.decode(5))
            entry.id = try row.decode(0)
            entry.at = try row.decode(1)
            let text = try row.decode(6, as: String.self)
            entry.details = (try? JSONDecoder().decode([String: String].self, from: Data(text.utf8))) ?? [:]
            return entry
        }
    }

    static func json(_ details: [String: String]) -> PostgresJSON {
        PostgresJSON(
            "{"
                + details.sorted { $0.key < $1.key }.map { JSONText.string($0.key) + ": " + JSONText.string($0.value) }
                .joined(separator: ", ") + "}")
    }
}
