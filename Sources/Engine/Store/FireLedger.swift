/// The fire ledger in PostgreSQL: one row per (schedule, slot), under a unique constraint.
///
/// ``record(_:instance:at:)`` inserts a whole tick's slots in one statement and returns only the
/// rows this call inserted: only the inserter of a slot enqueues it, so however many schedulers
/// run, a slot is enqueued once. ``markEnqueued(_:at:)`` notes that the queue has the job; a row
/// left unmarked (a crash between the two) is found by ``unenqueued(recordedBefore:after:limit:)``
/// and enqueued again by the reconciler, which is safe because the job id is derived from the
/// slot and the queue refuses a second job with the same id.
public struct FireLedger: Sendable {
    /// The connections it uses.
    public let pool: PostgresPool

    /// A ledger on `pool`.
    public init(pool: PostgresPool) {
        self.pool = pool
    }

    /// A slot to record.
    public struct Entry: Sendable, Equatable {
        /// The schedule.
        public var scheduleID: Int64
        /// The slot, epoch milliseconds.
        public var scheduledFor: Int64
        /// What becomes of it.
        public var status: FireStatus
        /// Why, if there is more to say.
        public var reason: FireReason?
        /// The trace id of the job, for an enqueued slot.
        public var traceID: String?

        /// Creates an entry.
        public init(scheduleID: Int64, scheduledFor: Int64, status: FireStatus, reason: FireReason? = nil, traceID: String? = nil) {
            self.scheduleID = scheduleID
            self.scheduledFor = scheduledFor
            self.status = status
            self.reason = reason
            self.traceID = traceID
        }
    }

    /// A row this call inserted.
    public struct Inserted: Sendable, Equatable {
        /// The row id.
        public var id: Int64
        /// The schedule.
        public var scheduleID: Int64
        /// The slot, epoch milliseconds.
        public var scheduledFor: Int64
    }

    /// What the last slots of a schedule were, for a scheduler taking over.
    public struct Marks: Sendable, Equatable {
        /// The latest slot recorded, whatever its status.
        public var lastSlot: Int64?
        /// The latest slot enqueued.
        public var lastEnqueuedSlot: Int64?
        /// The job of that slot.
        public var lastJobID: String?
    }

    /// The most rows one statement inserts.
    static let batch = 5_000

    static let columns = """
        id, schedule_id, floor(extract(epoch FROM scheduled_for) * 1000)::bigint, status, reason, instance, job_id, trace_id,
        floor(extract(epoch FROM created_at) * 1000)::bigint, floor(extract(epoch FROM enqueued_at) * 1000)::bigint
        """

    /// Inserts `entries` (recorded by `instance` at `now`, epoch ms) under the unique constraint and
    /// returns the enqueued ones this call inserted. A slot someone recorded first, and a slot of a
    /// schedule deleted meanwhile, are left out.
    public func record(_ entries: [Entry], instance: String, at now: Int64) async throws(PostgresError) -> [Inserted] {
        var inserted: [Inserted] = []
        var start = 0
        while start < entries.count {
            let chunk = Array(entries[start..<min(start + Self.batch, entries.count)])
            do {
                inserted += try await insert(chunk, instance: instance, at: now)
            } catch  where error.sqlState == "23503" {
                // A schedule was deleted since it was read: record the slots of the others. (Checking
                // each row up front would cost a join on every tick for a race that is rare.)
                let ids = Array(Set(chunk.map(\.scheduleID)))
                let rows = try await pool.query(
                    "SELECT id FROM \(StoreTables.schedules) WHERE id = ANY($1::bigint[])", [PostgresArray.bigints(ids)])
                let existing = Set(try rows.map { row throws(PostgresError) in try row.decode(0, as: Int64.self) })
                inserted += try await insert(chunk.filter { existing.contains($0.scheduleID) }, instance: instance, at: now)
            }
            start += chunk.count
        }
        return inserted
    }

    /// One statement inserting `entries`.
    private func insert(_ entries: [Entry], instance: String, at now: Int64) async throws(PostgresError) -> [Inserted] {
        if entries.isEmpty { return [] }
        let parameters: [(any PostgresBindable)?] = [
            PostgresArray.bigints(entries.map(\.scheduleID)), PostgresArray.bigints(entries.map(\.scheduledFor)),
            PostgresArray.texts(entries.map(\.status.rawValue)), PostgresArray.texts(entries.map { $0.reason?.rawValue }),
            PostgresArray.texts(entries.map(\.traceID)), instance, PostgresTimestamp(milliseconds: now),
        ]
        let rows = try await pool.query(
            """
            INSERT INTO \(StoreTables.fires) (schedule_id, scheduled_for, status, reason, instance, job_id, trace_id, created_at)
            SELECT f.sid, timestamptz 'epoch' + f.ms * interval '1 millisecond', f.status, f.reason, $6,
              CASE WHEN f.status = 'enqueued' THEN f.sid || ':' || f.ms END, f.trace, $7
            FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[]) AS f(sid, ms, status, reason, trace)
            ON CONFLICT (schedule_id, scheduled_for) DO NOTHING
            RETURNING id, schedule_id, floor(extract(epoch FROM scheduled_for) * 1000)::bigint, status
            """, parameters)
        var inserted: [Inserted] = []
        for row in rows {
            guard try row.decode(3, as: String.self) == FireStatus.enqueued.rawValue else { continue }
            inserted.append(Inserted(id: try row.decode(0), scheduleID: try row.decode(1), scheduledFor: try row.decode(2)))
        }
        return inserted
    }

    /// Notes that the queue holds the jobs of the rows `ids`, at `now` (epoch ms).
    public func markEnqueued(_ ids: [Int64], at now: Int64) async throws(PostgresError) {
        if ids.isEmpty { return }
        try await pool.query(
            "UPDATE \(StoreTables.fires) SET enqueued_at = $2 WHERE id = ANY($1::bigint[]) AND enqueued_at IS NULL",
            [PostgresArray.bigints(ids), PostgresTimestamp(milliseconds: now)])
    }

    /// Enqueued rows whose job the queue was never confirmed to have, recorded between `after`
    /// and `before` (epoch ms) for a slot before `before`, oldest first.
    public func unenqueued(recordedBefore before: Int64, after: Int64, limit: Int = 1_000) async throws(PostgresError) -> [FireRecord] {
        let rows = try await pool.query(
            """
            SELECT \(Self.columns) FROM \(StoreTables.fires)
            WHERE status = 'enqueued' AND enqueued_at IS NULL AND created_at < $1 AND created_at > $2 AND scheduled_for < $1
            ORDER BY created_at LIMIT $3
            """, [PostgresTimestamp(milliseconds: before), PostgresTimestamp(milliseconds: after), max(1, limit)])
        return try rows.map(Self.decode)
    }

    /// The last slots of each of `scheduleIDs`.
    public func marks(for scheduleIDs: [Int64]) async throws(PostgresError) -> [Int64: Marks] {
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
    public func fires(scheduleID: Int64, limit: Int = 50) async throws(PostgresError) -> [FireRecord] {
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
