import Foundation

/// The ledger task: moves the ledger rows that claims left in Redis (``QueueKeys/fireOutbox``) into
/// PostgreSQL's `fires` table. It runs in every scheduler, leading or not, so rows a leader left
/// behind are written by whoever is there when PostgreSQL answers; drainers running at once are
/// safe (see ``BoundedRedisList``) and a row written twice is one row.
extension Scheduler {
    /// Where the ledger task stands.
    struct LedgerState {
        /// PostgreSQL (or Redis) did not take the last rows: not tried again before this instant.
        var retryAt: ContinuousClock.Instant?
    }

    /// Rows per drain step.
    static let ledgerBatch = 1_000

    func ledgerLoop() async {
        while !Task.isCancelled {
            await writeLedger()
            let retryAt = ledgerState.withLock { $0.retryAt }
            let wait = retryAt.map { max(.milliseconds(10), $0 - ContinuousClock.now) } ?? .seconds(1)
            await ledgerWakeup.wait(for: wait)
        }
    }

    /// Writes the waiting ledger rows to PostgreSQL, a batch at a time, until none is left or
    /// PostgreSQL (or Redis) fails; then tries again in a second.
    func writeLedger() async {
        if let retryAt = ledgerState.withLock({ $0.retryAt }), ContinuousClock.now < retryAt { return }
        let decoder = JSONDecoder()
        while !Task.isCancelled {
            do {
                let raw = try await fireOutbox.peek(Self.ledgerBatch)
                guard let first = raw.first, let last = raw.last else { break }
                let entries = raw.compactMap { try? decoder.decode(FireLedger.Entry.self, from: Data($0)) }
                if entries.count < raw.count {
                    logger.error("skipping \(raw.count - entries.count) unreadable ledger rows", metadata: ["event": "scheduler.ledger_error"])
                }
                let written = try await ledger.write(entries)
                if !written.doubled.isEmpty { reportDoubled(written.doubled) }
                try await fireOutbox.trim(first: first, last: last, count: raw.count)
                fireOutboxMonitor.observe(size: try await fireOutbox.length())
                ledgerState.withLock { $0.retryAt = nil }
                if raw.count < Self.ledgerBatch { break }
            } catch {
                let first = ledgerState.withLock { s -> Bool in
                    defer { s.retryAt = ContinuousClock.now + .seconds(1) }
                    return s.retryAt == nil
                }
                if first {
                    // Reading and trimming the rows is Redis's part; writing them, PostgreSQL's.
                    let message =
                        error is PostgresError
                        ? "fire ledger rows wait in Redis until PostgreSQL takes them: \(error)"
                        : "fire ledger rows cannot be read from Redis for now; they stay there until it answers: \(error)"
                    logger.warning("\(message)", metadata: ["event": "scheduler.ledger_waiting"])
                }
                break
            }
        }
    }

    /// Says loudly that slots ran twice: each was enqueued by two scheduler instances, which only
    /// two queues firing one schedule do.
    private func reportDoubled(_ doubled: [FireLedger.Doubled]) {
        options.metrics.firesDoubled(queue: queue.name, doubled.count)
        let first = doubled[0]
        let more = doubled.count > 1 ? " (and \(doubled.count - 1) more slots)" : ""
        logger.error(
            """
            slot \(first.slot) of schedule \(first.scheduleID) ran twice: schedulers \(first.instance ?? "?") and \
            \(first.other ?? "?") both enqueued it\(more). Processes that share a database must share QUEUE_NAME, \
            or each fires the schedules that name no queue into its own default queue
            """,
            metadata: ["event": "scheduler.slot_doubled", "schedule.id": .stringConvertible(first.scheduleID)])
    }
}
