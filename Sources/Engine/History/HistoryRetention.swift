import Logging
import Synchronization

/// Deletes old history from PostgreSQL, on the leading scheduler only: attempts (`executions`) and
/// fire-ledger rows (`fires`) older than ``HistoryRetentionOptions/history``, audit rows older than
/// ``HistoryRetentionOptions/audit``.
///
/// Rows go in small batches (``HistoryRetentionOptions/batchSize`` per statement, oldest first,
/// each batch found through an index), with a pause between statements, and leadership is checked
/// again before each one, so a process that loses the lease stops within a batch. Each schedule's
/// latest fire, and its latest enqueued one, are kept however old: the scheduler reads them to tell
/// which slots it missed and whether the last run is still going.
///
/// As an engine component it sweeps ``HistoryRetentionOptions/initialDelay`` after start, then every
/// ``HistoryRetentionOptions/interval``, timed by an injected clock:
/// ```swift
/// let retention = HistoryRetention(pool: database, options: HistoryRetentionOptions(configuration: configuration),
///                                  isLeader: { scheduler.status.isLeader }, logger: logger)
/// ```
package final class HistoryRetention: Sendable {
    /// `retention`.
    package let name = "retention"
    /// How it runs.
    package let options: HistoryRetentionOptions
    private let pool: PostgresPool
    private let clock: any SchedulerClock
    private let isLeader: @Sendable () -> Bool
    private let logger: Logger
    private let stopped = Signal()

    /// Retention over `pool`, deleting only while `isLeader` says this process leads.
    package init(
        pool: PostgresPool, options: HistoryRetentionOptions = HistoryRetentionOptions(), clock: any SchedulerClock = SystemSchedulerClock(),
        isLeader: @escaping @Sendable () -> Bool, logger: Logger = Logger(label: "crontui.retention")
    ) {
        self.pool = pool
        self.options = options
        self.clock = clock
        self.isLeader = isLeader
        self.logger = logger
    }

    /// Sweeps on the timer until ``shutdown()``.
    package func run() async throws {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.timerLoop() }
            group.addTask { await self.stopped.wait() }
            await group.next()
            group.cancelAll()
        }
    }

    /// Stops the timer; a sweep under way ends at its current statement.
    package func shutdown() { stopped.fire() }

    private func timerLoop() async {
        var next = clock.nowMilliseconds() + options.initialDelay.milliseconds
        while !Task.isCancelled {
            do {
                try await clock.sleep(untilMilliseconds: next)
            } catch {
                return
            }
            do {
                let report = try await sweep()
                if report.total > 0 {
                    logger.info(
                        "history retention deleted \(report.total) rows",
                        metadata: [
                            "event": "retention.swept", "executions": "\(report.deleted[Table.executions.rawValue] ?? 0)",
                            "fires": "\(report.deleted[Table.fires.rawValue] ?? 0)", "audit": "\(report.deleted[Table.audit.rawValue] ?? 0)",
                        ])
                }
            } catch is CancellationError {
                return
            } catch {
                logger.warning("history retention failed: \(error)", metadata: ["event": "retention.failed"])
            }
            next = clock.nowMilliseconds() + options.interval.milliseconds
        }
    }

    /// The tables it deletes from, in the order it does (attempts before the fires they point to).
    enum Table: String, CaseIterable {
        case executions, fires, audit
    }

    /// Runs one sweep now, if this process leads: deletes what is past retention, batch by batch.
    /// Stops early (``HistoryRetentionReport/completed`` false) when leadership is lost.
    package func sweep() async throws -> HistoryRetentionReport {
        var report = HistoryRetentionReport()
        let now = clock.nowMilliseconds()
        for table in Table.allCases {
            let period = table == .audit ? options.audit : options.history
            guard let period else { continue }
            let cutoff = PostgresTimestamp(microsecondsSinceEpoch: (now - period.milliseconds) * 1_000)
            var cursor: (PostgresTimestamp, Int64)?
            while true {
                guard isLeader() else {
                    report.completed = false
                    return report
                }
                try Task.checkCancellation()
                let batch = try await deleteBatch(table, before: cutoff, after: cursor)
                report.statements[table.rawValue, default: 0] += 1
                report.deleted[table.rawValue, default: 0] += batch.deleted
                options.metrics.rowsDeleted(table: table.rawValue, batch.deleted)
                guard batch.scanned >= batchSize else { break }
                cursor = batch.last
                if options.batchPause > .zero { try await clock.sleep(untilMilliseconds: clock.nowMilliseconds() + options.batchPause.milliseconds) }
            }
        }
        return report
    }

    private var batchSize: Int { max(1, options.batchSize) }

    private struct Batch {
        var deleted: Int
        var scanned: Int
        var last: (PostgresTimestamp, Int64)?
    }

    /// Deletes up to one batch of `table`'s rows older than `cutoff`, oldest first, from after
    /// `cursor` (the key of the last row the previous batch looked at).
    private func deleteBatch(_ table: Table, before cutoff: PostgresTimestamp, after cursor: (PostgresTimestamp, Int64)?) async throws(PostgresError)
        -> Batch
    {
        switch table {
        case .executions:
            return try await deleteOldest(StoreTables.executions, column: "started_at", before: cutoff)
        case .audit:
            return try await deleteOldest(StoreTables.audit, column: "at", before: cutoff)
        case .fires:
            return try await deleteFires(before: cutoff, after: cursor)
        }
    }

    /// Attempts and audit rows: every old row goes, so each batch starts at the oldest left. The
    /// `(column DESC, id DESC)` index serves the scan backwards.
    private func deleteOldest(_ table: String, column: String, before cutoff: PostgresTimestamp) async throws(PostgresError) -> Batch {
        let rows = try await pool.query(
            """
            WITH gone AS (
              DELETE FROM \(table) WHERE id IN (
                SELECT id FROM \(table) WHERE \(column) < $1 ORDER BY \(column), id LIMIT $2
              ) RETURNING 1
            )
            SELECT count(*) FROM gone
            """, [cutoff, batchSize])
        let deleted = try rows[0].decode(0, as: Int.self)
        return Batch(deleted: deleted, scanned: deleted, last: nil)
    }

    /// Fire-ledger rows, through the `(scheduled_for, id)` index, a keyset page at a time: a row
    /// goes only when a later slot of its schedule exists (and, for an enqueued row, a later
    /// enqueued one), so each schedule's latest slot and latest enqueued slot stay.
    private func deleteFires(before cutoff: PostgresTimestamp, after cursor: (PostgresTimestamp, Int64)?) async throws(PostgresError) -> Batch {
        let table = StoreTables.fires
        var parameters: [(any PostgresBindable)?] = [cutoff, batchSize]
        var after = ""
        if let cursor {
            after = "AND (scheduled_for, id) > ($3, $4)"
            parameters += [cursor.0, cursor.1]
        }
        let rows = try await pool.query(
            """
            WITH page AS (
              SELECT id, schedule_id, scheduled_for, status FROM \(table)
              WHERE scheduled_for < $1 \(after) ORDER BY scheduled_for, id LIMIT $2
            ), gone AS (
              DELETE FROM \(table) f USING page p
              WHERE f.id = p.id AND EXISTS (
                SELECT 1 FROM \(table) n
                WHERE n.schedule_id = p.schedule_id AND n.scheduled_for > p.scheduled_for
                  AND (p.status <> 'enqueued' OR n.status = 'enqueued')
              )
              RETURNING 1
            ), last AS (
              SELECT scheduled_for, id FROM page ORDER BY scheduled_for DESC, id DESC LIMIT 1
            )
            SELECT (SELECT count(*) FROM gone), (SELECT count(*) FROM page), last.scheduled_for, last.id
            FROM (SELECT 1) one LEFT JOIN last ON true
            """, parameters)
        let row = rows[0]
        var last: (PostgresTimestamp, Int64)?
        if let at = try row.decode(2, as: PostgresTimestamp?.self) { last = (at, try row.decode(3, as: Int64.self)) }
        return Batch(deleted: try row.decode(0, as: Int.self), scanned: try row.decode(1, as: Int.self), last: last)
    }
}
