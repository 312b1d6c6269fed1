import Foundation

/// The fire ledger in PostgreSQL: one row per (schedule, slot), under a unique constraint.
///
/// A slot is claimed and its job enqueued in Redis, in one step (``JobQueue/claim(_:)``); the same
/// step keeps the slot's ledger row in ``QueueKeys/fireOutbox``, and ``write(_:)`` moves such rows
/// here when PostgreSQL answers. Rows are written under the unique constraint, so a row written
/// twice (two processes draining at once, a drain interrupted before its trim) is one row. The
/// executions of a fire find its row by (schedule, slot), whichever reaches PostgreSQL first.
package struct FireLedger: Sendable {
    /// The connections it uses.
    package let pool: PostgresPool

    /// A ledger on `pool`.
    package init(pool: PostgresPool) {
        self.pool = pool
    }

    /// A slot's row, as a scheduler claimed it.
    package struct Entry: Sendable, Equatable, Decodable {
        /// The schedule.
        package var scheduleID: Int64
        /// The slot, epoch milliseconds.
        package var scheduledFor: Int64
        /// What becomes of it.
        package var status: FireStatus
        /// Why, if there is more to say.
        package var reason: FireReason?
        /// The trace id of the job, for an enqueued slot.
        package var traceID: String?
        /// The scheduler that claimed it.
        package var instance: String?
        /// When it was claimed (and, for an enqueued slot, enqueued), epoch milliseconds, by the
        /// queue's clock.
        package var recordedAt: Int64

        /// Creates an entry.
        package init(
            scheduleID: Int64, scheduledFor: Int64, status: FireStatus, reason: FireReason? = nil, traceID: String? = nil,
            instance: String? = nil, recordedAt: Int64 = 0
        ) {
            self.scheduleID = scheduleID
            self.scheduledFor = scheduledFor
            self.status = status
            self.reason = reason
            self.traceID = traceID
            self.instance = instance
            self.recordedAt = recordedAt
        }

        enum CodingKeys: String, CodingKey {
            case scheduleID = "schedule_id"
            case scheduledFor = "scheduled_for"
            case status, reason
            case traceID = "trace_id"
            case instance
            case recordedAt = "recorded_at"
        }

        /// The JSON the outbox keeps, but for `recorded_at`, which the claim adds (see
        /// ``JobQueue/claim(_:)``). Written by hand: a tick of many slots encodes fast. Every string
        /// but `instance` is a fixed vocabulary or hex; `instance` arrives already quoted.
        func encoded(quotedInstance: String) -> [UInt8] {
            var out = "{\"schedule_id\":\(scheduleID),\"scheduled_for\":\(scheduledFor),\"status\":\"\(status.rawValue)\""
            if let reason { out += ",\"reason\":\"\(reason.rawValue)\"" }
            if let traceID { out += ",\"trace_id\":" + JSONText.string(traceID) }
            out += ",\"instance\":" + quotedInstance + "}"
            return Array(out.utf8)
        }
    }

    /// What the last slots of a schedule were, for a scheduler taking over.
    package struct Marks: Sendable, Equatable {
        /// The latest slot recorded, whatever its status.
        package var lastSlot: Int64?
        /// The latest slot enqueued.
        package var lastEnqueuedSlot: Int64?
        /// The job of that slot.
        package var lastJobID: String?

        /// The slot held behind an unfinished run (overlap policy `queue_one`), from Redis.
        package var heldSlot: Int64?

        /// Takes in a slot claimed in Redis that the ledger may not hold yet.
        mutating func claim(_ slot: Int64) {
            lastSlot = max(lastSlot ?? slot, slot)
        }
    }

    /// The most rows one statement inserts.
    static let batch = 5_000

    static let columns = """
        id, schedule_id, floor(extract(epoch FROM scheduled_for) * 1000)::bigint, status, reason, instance, job_id, trace_id,
        floor(extract(epoch FROM created_at) * 1000)::bigint, floor(extract(epoch FROM enqueued_at) * 1000)::bigint
        """

    /// What ``write(_:)`` did.
    package struct Written: Sendable, Equatable {
        /// Rows that were new.
        package var rows = 0
        /// Enqueued slots whose row was already there, enqueued by another scheduler instance: slots
        /// that ran twice. A scheduler never claims a slot twice, nor do two schedulers of one queue;
        /// so these come from two queues firing one schedule (processes that share the database with
        /// different `QUEUE_NAME`s both fire the schedules that name no queue).
        package var doubled: [Doubled] = []
    }

    /// An enqueued slot written by two scheduler instances.
    package struct Doubled: Sendable, Equatable {
        /// The schedule.
        package var scheduleID: Int64
        /// The slot, epoch milliseconds.
        package var slot: Int64
        /// The instance whose row was written now.
        package var instance: String?
        /// The instance whose row was there.
        package var other: String?
    }

    /// Writes `entries` under the unique constraint. A slot already there is left as it is (and
    /// reported when another instance enqueued it too); a slot of a schedule deleted meanwhile is
    /// left out. The executions of the new rows that reached PostgreSQL first are linked to them.
    @discardableResult
    package func write(_ entries: [Entry]) async throws(PostgresError) -> Written {
        var written = Written()
        var start = 0
        while start < entries.count {
            let chunk = Array(entries[start..<min(start + Self.batch, entries.count)])
            let one = try await insert(chunk)
            written.rows += one.rows
            written.doubled += one.doubled
            start += chunk.count
        }
        return written
    }

    /// One statement inserting `entries` (a schedule deleted since is left out by the join), and
    /// finding the enqueued slots another instance had enqueued already.
    private func insert(_ entries: [Entry]) async throws(PostgresError) -> Written {
        if entries.isEmpty { return Written() }
        let parameters: [(any PostgresBindable)?] = [
            PostgresArray.bigints(entries.map(\.scheduleID)), PostgresArray.bigints(entries.map(\.scheduledFor)),
            PostgresArray.texts(entries.map(\.status.rawValue)), PostgresArray.texts(entries.map { $0.reason?.rawValue }),
            PostgresArray.texts(entries.map(\.traceID)), PostgresArray.texts(entries.map(\.instance)),
            PostgresArray.bigints(entries.map(\.recordedAt)),
        ]
        let rows = try await pool.query(
            """
            WITH inserted AS (
              INSERT INTO \(StoreTables.fires) (schedule_id, scheduled_for, status, reason, instance, job_id, trace_id, created_at, enqueued_at)
              SELECT f.sid, timestamptz 'epoch' + f.ms * interval '1 millisecond', f.status, f.reason, f.instance,
                CASE WHEN f.status = 'enqueued' THEN f.sid || ':' || f.ms END, f.trace, timestamptz 'epoch' + f.at * interval '1 millisecond',
                CASE WHEN f.status = 'enqueued' THEN timestamptz 'epoch' + f.at * interval '1 millisecond' END
              FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
                AS f(sid, ms, status, reason, trace, instance, at)
              JOIN \(StoreTables.schedules) s ON s.id = f.sid
              ON CONFLICT (schedule_id, scheduled_for) DO NOTHING
              RETURNING id, job_id
            ), linked AS (
              UPDATE \(StoreTables.executions) e SET fire_id = i.id FROM inserted i
              WHERE i.job_id IS NOT NULL AND e.job_id = i.job_id AND e.fire_id IS NULL
            ), doubled AS (
              SELECT f.sid, f.ms, f.instance, x.instance AS other
              FROM unnest($1::bigint[], $2::bigint[], $3::text[], $6::text[]) AS f(sid, ms, status, instance)
              JOIN \(StoreTables.fires) x
                ON x.schedule_id = f.sid AND x.scheduled_for = timestamptz 'epoch' + f.ms * interval '1 millisecond'
              WHERE f.status = 'enqueued' AND x.status = 'enqueued' AND x.instance IS DISTINCT FROM f.instance
            )
            SELECT n.count, d.sid, d.ms, d.instance, d.other
            FROM (SELECT count(*) AS count FROM inserted) n LEFT JOIN doubled d ON true
            """, parameters)
        var written = Written(rows: try rows[0].decode(0, as: Int.self))
        for row in rows {
            guard let scheduleID = try row.decode(1, as: Int64?.self), let slot = try row.decode(2, as: Int64?.self) else { continue }
            written.doubled.append(
                Doubled(scheduleID: scheduleID, slot: slot, instance: try row.decode(3, as: String?.self), other: try row.decode(4, as: String?.self))
            )
        }
        return written
    }

    /// The last slots of each of `scheduleIDs`.
    package func marks(for scheduleIDs: [Int64]) async throws(PostgresError) -> [Int64: Marks] {
        if scheduleIDs.isEmpty { return [:] }
        let rows = try await pool.query(
            """
            SELECT s.id, floor(extract(epoch FROM last.scheduled_for) * 1000)::bigint,
              floor(extract(epoch FROM le.scheduled_for) * 1000)::bigint, le.job_id
            FROM unnest($1::bigint[]) AS s(id)
            LEFT JOIN LATERAL (
              SELECT scheduled_for FROM \(StoreTables.fires) WHERE schedule_id = s.id ORDER BY scheduled_for DESC LIMIT 1
            ) last ON true
            LEFT JOIN LATERAL (
              SELECT scheduled_for, job_id FROM \(StoreTables.fires) WHERE schedule_id = s.id AND status = 'enqueued'
              ORDER BY scheduled_for DESC LIMIT 1
            ) le ON true
            WHERE last.scheduled_for IS NOT NULL
            """, [PostgresArray.bigints(scheduleIDs)])
        var marks: [Int64: Marks] = [:]
        for row in rows {
            marks[try row.decode(0)] = Marks(lastSlot: try row.decode(1), lastEnqueuedSlot: try row.decode(2), lastJobID: try row.decode(3))
        }
        return marks
    }

    /// The latest `limit` rows of a schedule, newest slot first.
    package func fires(scheduleID: Int64, limit: Int = 50) async throws(PostgresError) -> [FireRecord] {
        let rows = try await pool.query(
            "SELECT \(Self.columns) FROM \(StoreTables.fires) WHERE schedule_id = $1 ORDER BY scheduled_for DESC LIMIT $2",
            [scheduleID, max(1, limit)])
        return try rows.map(Self.decode)
    }

    static func decode(_ row: PostgresRow) throws(PostgresError) -> FireRecord {
        let statusText = try row.decode(3, as: String.self)
        guard let status = FireStatus(rawValue: statusText) else {
            throw PostgresError(code: .decoding, message: "unknown fire status '\(statusText)'")
        }
        return FireRecord(
            id: try row.decode(0), scheduleID: try row.decode(1), scheduledFor: try row.decode(2), status: status,
            reason: try row.decode(4, as: String?.self).flatMap(FireReason.init(rawValue:)), instance: try row.decode(5), jobID: try row.decode(6),
            traceID: try row.decode(7), createdAt: try row.decode(8), enqueuedAt: try row.decode(9))
    }
}
