import Foundation

/// Schedules in PostgreSQL: create, read, change and delete them by name or id.
///
/// Every write checks the whole definition first (``ScheduleDefinition/validate()``) and writes it
/// in one statement, so a refused change writes nothing. Each change is announced with `NOTIFY`
/// (a trigger of migration 2), which is how running schedulers pick it up within a second.
/// Timestamps come from the injected clock, so tests that move time see consistent ones.
package struct ScheduleStore: Sendable {
    /// The connections it uses.
    package let pool: PostgresPool
    /// Stamps `created_at`, `updated_at` and `active_since`.
    package let clock: any QueueClock

    /// A store on `pool`.
    package init(pool: PostgresPool, clock: any QueueClock = SystemQueueClock()) {
        self.pool = pool
        self.clock = clock
    }

    /// The columns every read selects, in the order ``decode(_:)`` reads them; the backoff's fields
    /// are taken apart by the server.
    static let columns = """
        id, name, cron, tz, method, url, headers::text AS headers_json, body, timeout_ms, attempts, backoff->>'kind' AS backoff_kind, (backoff->>'base_ms')::bigint AS backoff_base_ms,
        (backoff->>'max_ms')::bigint AS backoff_max_ms, missed_policy, overlap_policy, enabled, pause_after_failures,
        consecutive_failures, floor(extract(epoch FROM created_at) * 1000)::bigint AS created_ms,
        floor(extract(epoch FROM updated_at) * 1000)::bigint AS updated_ms,
        floor(extract(epoch FROM active_since) * 1000)::bigint AS active_ms, queue
        """

    /// How many ``columns`` there are: a statement that selects more finds them from here on.
    static let columnCount = 22

    static let table = StoreTables.schedules

    // MARK: - Reading

    /// The schedule named by `reference`; throws ``ScheduleError/Code/notFound`` when there is none.
    package func schedule(_ reference: ScheduleReference) async throws(ScheduleError) -> Schedule {
        let (condition, parameter) = Self.condition(reference)
        let rows = try await query("SELECT \(Self.columns) FROM \(Self.table) WHERE \(condition)", [parameter])
        guard let row = rows.first else { throw ScheduleError(.notFound, "no schedule \(reference)") }
        return try Self.decode(row)
    }

    /// The schedule with `id`, nil when there is none.
    package func schedule(id: Int64) async throws(ScheduleError) -> Schedule? {
        let rows = try await query("SELECT \(Self.columns) FROM \(Self.table) WHERE id = $1", [id])
        return try rows.first.map(Self.decode)
    }

    /// The schedules with these ids (those that exist).
    package func schedules(ids: [Int64]) async throws(ScheduleError) -> [Schedule] {
        if ids.isEmpty { return [] }
        let rows = try await query("SELECT \(Self.columns) FROM \(Self.table) WHERE id = ANY($1::bigint[])", [PostgresArray.bigints(ids)])
        return try rows.map(Self.decode)
    }

    /// The schedules `ids` (absent ones were deleted), read once no change of them is under way:
    /// each row is locked for a moment (`FOR SHARE`), which waits for a change that holds it.
    package func lockedSchedules(ids: [Int64]) async throws(ScheduleError) -> [Schedule] {
        if ids.isEmpty { return [] }
        return try await transaction { db in
            let rows = try db.query("SELECT \(Self.columns) FROM \(Self.table) WHERE id = ANY($1::bigint[]) FOR SHARE", [PostgresArray.bigints(ids)])
            return try rows.map(Self.decode)
        }
    }

    /// Up to `limit` schedules by name, after `afterName` (keyset pagination).
    package func list(after afterName: String? = nil, limit: Int = 1_000) async throws(ScheduleError) -> [Schedule] {
        let rows = try await query(
            "SELECT \(Self.columns) FROM \(Self.table) WHERE $1::text IS NULL OR name > $1 ORDER BY name LIMIT $2",
            [afterName, max(1, limit)])
        return try rows.map(Self.decode)
    }

    /// Up to `limit` enabled schedules by id, after `afterID` (keyset pagination), for loading a
    /// scheduler; only those of `scope` when one is given.
    package func enabled(after afterID: Int64 = 0, limit: Int = 5_000, in scope: ScheduleScope? = nil) async throws(ScheduleError) -> [Schedule] {
        let rows = try await query(
            "SELECT \(Self.columns) FROM \(Self.table) WHERE enabled AND id > $1 AND \(Self.scopeCondition(3)) ORDER BY id LIMIT $2",
            [afterID, max(1, limit)] + Self.scopeParameters(scope))
        return try rows.map(Self.decode)
    }

    /// The ids and change times of every enabled schedule (of `scope` when one is given), for a
    /// scheduler's periodic resync.
    package func enabledVersions(in scope: ScheduleScope? = nil) async throws(ScheduleError) -> [Int64: Int64] {
        let rows = try await query(
            "SELECT id, floor(extract(epoch FROM updated_at) * 1000)::bigint FROM \(Self.table) WHERE enabled AND \(Self.scopeCondition(1))",
            Self.scopeParameters(scope))
        var versions: [Int64: Int64] = [:]
        versions.reserveCapacity(rows.count)
        for row in rows {
            versions[try Self.decode(row, 0, as: Int64.self)] = try Self.decode(row, 1, as: Int64.self)
        }
        return versions
    }

    /// The SQL of ``ScheduleScope/contains(_:)`` over parameter `first` (the queue, NULL for every
    /// schedule) and the next one (whether schedules naming no queue are in it).
    static func scopeCondition(_ first: Int) -> String {
        "($\(first)::text IS NULL OR queue = $\(first) OR ($\(first + 1)::boolean AND queue IS NULL))"
    }

    /// The two parameters of ``scopeCondition(_:)``.
    static func scopeParameters(_ scope: ScheduleScope?) -> [(any PostgresBindable)?] {
        [scope?.queue, scope?.includesDefault ?? true]
    }

    // MARK: - Writing

    /// Stores a new schedule. Throws ``ScheduleError/Code/invalid`` naming a bad field, or
    /// ``ScheduleError/Code/duplicateName``; nothing is written then.
    package func create(_ definition: ScheduleDefinition) async throws(ScheduleError) -> Schedule {
        try definition.validate()
        let now = PostgresTimestamp(milliseconds: clock.nowMilliseconds())
        let rows = try await query(
            """
            INSERT INTO \(Self.table) (name, cron, tz, method, url, headers, body, timeout_ms, attempts, backoff, missed_policy,
              overlap_policy, enabled, pause_after_failures, queue, created_at, updated_at, active_since)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $16)
            RETURNING \(Self.columns)
            """,
            Self.parameters(definition) + [now], name: definition.name)
        return try Self.decode(rows[0])
    }

    /// Changes the schedule named by `reference`: the fields given in `input` replace the stored
    /// ones, and the result is checked as a whole before it is written. Returns the schedule
    /// before and after. A change of cron or zone restarts ``Schedule/activeSince``.
    ///
    /// A change of queue runs `move` (before, after) while the row is locked, last before the change
    /// commits: it hands the schedule's claims from the old queue to the new one, so that every
    /// slot is claimed in one queue only (a scheduler that reads a schedule marked moved away
    /// waits on this lock before it decides, see ``lockedSchedules(ids:)``). When `move` throws,
    /// nothing changes. Without `move`, a change of queue restarts ``Schedule/activeSince`` too.
    package func update(
        _ reference: ScheduleReference, with input: ScheduleInput,
        move: (@Sendable (Schedule, ScheduleDefinition) async throws(ScheduleError) -> Void)? = nil
    ) async throws(ScheduleError) -> (before: Schedule, after: Schedule) {
        let (condition, parameter) = Self.condition(reference)
        let now = PostgresTimestamp(milliseconds: clock.nowMilliseconds())
        return try await transaction(name: input.name) { db in
            let current = try db.query("SELECT \(Self.columns) FROM \(Self.table) WHERE \(condition) FOR UPDATE", [parameter])
            guard let row = current.first else { throw ScheduleError(.notFound, "no schedule \(reference)") }
            let before = try Self.decode(row)
            let definition = try input.definition(updating: before.definition)
            let moves = definition.queue != before.definition.queue
            let restarts =
                definition.cron != before.definition.cron || definition.timeZone != before.definition.timeZone
                || (moves && move == nil)
            let rows = try db.query(
                """
                UPDATE \(Self.table) SET name = $1, cron = $2, tz = $3, method = $4, url = $5, headers = $6, body = $7,
                  timeout_ms = $8, attempts = $9, backoff = $10, missed_policy = $11, overlap_policy = $12, enabled = $13,
                  pause_after_failures = $14, queue = $15, updated_at = $16,
                  active_since = CASE WHEN $17 THEN $16 ELSE active_since END
                WHERE id = $18
                RETURNING \(Self.columns)
                """,
                Self.parameters(definition) + [now, restarts, before.id])
            // Last, so that only the commit can still fail after it (the caller undoes it then).
            if moves, let move { try await move(before, definition) }
            return (before, try Self.decode(rows[0]))
        }
    }

    /// Pauses (`false`) or resumes (`true`) a schedule. Resuming restarts
    /// ``Schedule/activeSince`` (slots while paused are not missed ones) and the failure count.
    /// Returns the schedule afterwards and whether anything changed.
    package func setEnabled(_ reference: ScheduleReference, _ enabled: Bool) async throws(ScheduleError) -> (schedule: Schedule, changed: Bool) {
        let (condition, parameter) = Self.condition(reference, parameter: 3)
        let rows = try await query(
            """
            UPDATE \(Self.table) SET enabled = $1, updated_at = $2,
              active_since = CASE WHEN $1 THEN $2 ELSE active_since END,
              consecutive_failures = CASE WHEN $1 THEN 0 ELSE consecutive_failures END
            WHERE \(condition) AND enabled <> $1
            RETURNING \(Self.columns)
            """,
            [enabled, PostgresTimestamp(milliseconds: clock.nowMilliseconds()), parameter])
        if let row = rows.first { return (try Self.decode(row), true) }
        return (try await schedule(reference), false)
    }

    /// Deletes a schedule (its fire ledger with it; its execution history stays). Returns what
    /// was deleted.
    @discardableResult
    package func delete(_ reference: ScheduleReference) async throws(ScheduleError) -> Schedule {
        let (condition, parameter) = Self.condition(reference)
        let rows = try await query("DELETE FROM \(Self.table) WHERE \(condition) RETURNING \(Self.columns)", [parameter])
        guard let row = rows.first else { throw ScheduleError(.notFound, "no schedule \(reference)") }
        return try Self.decode(row)
    }

    // MARK: - Plumbing

    func query(_ sql: String, _ parameters: [(any PostgresBindable)?] = [], name: String? = nil) async throws(ScheduleError) -> PostgresResult {
        do {
            return try await pool.query(sql, parameters)
        } catch  where error.sqlState == "23505" && name != nil {
            throw .init(.duplicateName, field: "name", "a schedule named \(ErrorText.quote(name ?? "")) already exists")
        } catch {
            throw ScheduleError(error)
        }
    }

    /// Runs `body` in a transaction on one connection, its failures as ``ScheduleError``s (a
    /// duplicate `name` named as such).
    func transaction<T: Sendable>(name: String? = nil, _ body: @Sendable (isolated PostgresConnection) async throws -> T)
        async throws(ScheduleError) -> T
    {
        do {
            return try await pool.withConnection { connection in try await connection.withTransaction(body) }
        } catch let error as ScheduleError {
            throw error
        } catch let error as PostgresError where error.sqlState == "23505" && name != nil {
            throw .init(.duplicateName, field: "name", "a schedule named \(ErrorText.quote(name ?? "")) already exists")
        } catch let error as PostgresError {
            throw ScheduleError(error)
        } catch {
            throw ScheduleError(.database, "database: \(error)")
        }
    }

    static func condition(_ reference: ScheduleReference, parameter: Int = 1) -> (String, any PostgresBindable) {
        switch reference {
        case .id(let id): ("id = $\(parameter)", id)
        case .name(let name): ("name = $\(parameter)", name)
        }
    }

    /// `$1`-`$15` of an insert or update.
    static func parameters(_ d: ScheduleDefinition) -> [(any PostgresBindable)?] {
        let headers = "[" + d.headers.map { "[" + JSONText.string($0.name) + "," + JSONText.string($0.value) + "]" }.joined(separator: ",") + "]"
        return [
            d.name, d.cron, d.timeZone, d.method, d.url, PostgresJSON(headers), d.body, d.timeoutMs, d.attempts,
            PostgresJSON(d.backoff.storedJSON), d.missed.description, d.overlap.description, d.enabled, d.pauseAfterFailures, d.queue,
        ]
    }

    /// Reads a row selected with ``columns``.
    static func decode(_ row: PostgresRow) throws(ScheduleError) -> Schedule {
        do throws(PostgresError) {
            let headers = Self.headers(json: try row.decode(6, as: String.self))
            let definition = ScheduleDefinition(
                name: try row.decode(1), cron: try row.decode(2), timeZone: try row.decode(3), method: try row.decode(4), url: try row.decode(5),
                headers: headers, body: try row.decode(7, as: Data?.self), timeoutMs: try row.decode(8), attempts: try row.decode(9),
                backoff: Backoff(storedKind: try row.decode(10), baseMs: try row.decode(11), maxMs: try row.decode(12)),
                missed: MissedFirePolicy(text: try row.decode(13)) ?? .skip, overlap: OverlapPolicy(text: try row.decode(14)) ?? .allow,
                enabled: try row.decode(15), pauseAfterFailures: try row.decode(16), queue: try row.decode(21, as: String?.self))
            return Schedule(
                id: try row.decode(0), definition: definition, consecutiveFailures: try row.decode(17), createdAt: try row.decode(18),
                updatedAt: try row.decode(19), activeSince: try row.decode(20))
        } catch {
            throw ScheduleError(error)
        }
    }

    /// The `headers` column: `[["Name", "value"], ...]` as written by this store, or the
    /// `{"Name": "value"}` object of migration 1's default. Most schedules have none.
    static func headers(json: String) -> [ScheduleHeader] {
        if json == "[]" || json == "{}" { return [] }
        let value = try? JSONSerialization.jsonObject(with: Data(json.utf8))
        if let pairs = value as? [[String]] {
            return pairs.compactMap { $0.count == 2 ? ScheduleHeader(name: $0[0], value: $0[1]) : nil }
        }
        if let object = value as? [String: String] {
            return object.sorted { $0.key < $1.key }.map { ScheduleHeader(name: $0.key, value: $0.value) }
        }
        return []
    }

    static func decode<T: PostgresDecodable>(_ row: PostgresRow, _ index: Int, as type: T.Type) throws(ScheduleError) -> T {
        do {
            return try row.decode(index, as: type)
        } catch {
            throw ScheduleError(error)
        }
    }
}

extension PostgresTimestamp {
    /// The instant `milliseconds` after the Unix epoch.
    package init(milliseconds: Int64) {
        self.init(microsecondsSinceEpoch: milliseconds * 1_000)
    }

    /// Whole milliseconds since the Unix epoch, rounded down.
    package var milliseconds: Int64 {
        microsecondsSinceEpoch >= 0 ? microsecondsSinceEpoch / 1_000 : (microsecondsSinceEpoch - 999) / 1_000
    }
}
