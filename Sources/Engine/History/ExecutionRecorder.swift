import Foundation
import Logging
import Synchronization

/// Collects execution records from the workers and writes them in batches: one multi-row
/// statement every ``ExecutionRecorderOptions/flushInterval`` or every
/// ``ExecutionRecorderOptions/batchSize`` records, so recording never caps throughput.
///
/// ``record(_:)`` never waits. A record delivered twice (an attempt's start, then its end) is
/// coalesced while it waits, so a fast attempt costs one row write.
///
/// When PostgreSQL is unreachable, batches go to the ``ExecutionOutbox`` in Redis instead, and the
/// recorder tries the database again every ``ExecutionRecorderOptions/retryInterval``; once it
/// answers, the outbox is drained into it. Records carry an idempotency key, so none is written
/// twice; none is lost unless Redis is down too for longer than ``ExecutionRecorderOptions/maxPending``
/// records, or PostgreSQL is away for longer than the outbox's bound
/// (``ExecutionOutbox/maxRecords``) takes to fill.
package final class ExecutionRecorder: Sendable {
    /// How it batches.
    package let options: ExecutionRecorderOptions
    private let store: any ExecutionStore
    private let outbox: ExecutionOutbox?
    private let logger: Logger
    private let state = Mutex(State())
    private let counters = Mutex(ExecutionRecorderStatistics())
    private let wakeup = Wakeup()

    private struct State {
        var pending: [ExecutionRecord] = []
        var index: [UUID: Int] = [:]
        var stopping = false
        /// The outbox may hold records (true at start: a previous process may have left some).
        var outboxMayHoldRecords = true
        /// While set, PostgreSQL is not tried before this instant.
        var unavailableUntil: ContinuousClock.Instant?
        var flushWaiters: [CheckedContinuation<Void, Never>] = []
    }

    /// A recorder writing to `store`, parking records in `outbox` while the store is unreachable.
    package init(
        store: any ExecutionStore, outbox: ExecutionOutbox?, options: ExecutionRecorderOptions = ExecutionRecorderOptions(),
        logger: Logger = Logger(label: "crontui.recorder")
    ) {
        self.store = store
        self.outbox = outbox
        var options = options
        options.batchSize = max(1, min(options.batchSize, PostgresExecutionStore.maxBatch))
        self.options = options
        self.logger = logger
    }

    /// What it has done so far.
    package var statistics: ExecutionRecorderStatistics {
        var s = counters.withLock { $0 }
        s.pending = state.withLock { $0.pending.count }
        return s
    }

    /// Queues `record` for the next batch; a later record with the same record id replaces it.
    package func record(_ record: ExecutionRecord) {
        let full = state.withLock { s -> Bool in
            if let i = s.index[record.recordID] {
                if s.pending[i].outcome == nil || record.outcome != nil { s.pending[i] = record }
            } else {
                s.index[record.recordID] = s.pending.count
                s.pending.append(record)
                if s.pending.count > options.maxPending {
                    let dropped = s.pending.removeFirst()
                    s.index = Dictionary(uniqueKeysWithValues: s.pending.enumerated().map { ($0.element.recordID, $0.offset) })
                    logger.error(
                        "execution record dropped: PostgreSQL and Redis are both unreachable", metadata: ["record_id": "\(dropped.recordID)"])
                }
            }
            return s.pending.count == options.batchSize
        }
        if full { wakeup.wake() }
    }

    /// Writes batches until ``stop()`` (or its task is cancelled), then writes what is left (to
    /// PostgreSQL, or the outbox).
    package func run() async {
        while true {
            await waitForWork()
            let (batch, asked) = take()
            let stopping = asked || Task.isCancelled
            var delivered = true
            if !batch.isEmpty { delivered = await deliver(batch) }
            await drainOutboxIfDue()
            let flushWaiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
                guard s.pending.isEmpty else { return [] }
                defer { s.flushWaiters = [] }
                return s.flushWaiters
            }
            flushWaiters.forEach { $0.resume() }
            if stopping {
                let left = state.withLock { $0.pending.count }
                if left == 0 { break }
                if !delivered {
                    logger.error(
                        "stopping with \(left) execution records undelivered: PostgreSQL and Redis are unreachable",
                        metadata: ["event": "recorder.lost"])
                    break
                }
            } else if !delivered {
                // Nowhere takes records right now: wait before trying again rather than spin.
                try? await Task.sleep(for: options.retryInterval)
            }
        }
        let left = state.withLock { s in
            defer { s.flushWaiters = [] }
            return s.flushWaiters
        }
        left.forEach { $0.resume() }
    }

    /// Asks ``run()`` to write what is left and return.
    package func stop() {
        state.withLock { $0.stopping = true }
        wakeup.wake()
    }

    /// Returns once every record queued before the call has been delivered (to PostgreSQL or the
    /// outbox). ``run()`` must be running.
    package func flush() async {
        await withCheckedContinuation { continuation in
            state.withLock { $0.flushWaiters.append(continuation) }
            wakeup.wake()
        }
    }

    // MARK: - Batching

    private func waitForWork() async {
        let ready = state.withLock { s in s.stopping || s.pending.count >= options.batchSize || !s.flushWaiters.isEmpty }
        if !ready { await wakeup.wait(for: options.flushInterval) }
    }

    private func take() -> ([ExecutionRecord], Bool) {
        state.withLock { s in
            let n = min(s.pending.count, options.batchSize)
            let batch = Array(s.pending.prefix(n))
            s.pending.removeFirst(n)
            if s.pending.isEmpty {
                s.index.removeAll(keepingCapacity: true)
            } else {
                s.index = Dictionary(uniqueKeysWithValues: s.pending.enumerated().map { ($0.element.recordID, $0.offset) })
            }
            return (batch, s.stopping)
        }
    }

    /// Puts records that could be delivered nowhere back at the head of the line (a newer copy
    /// that arrived meanwhile wins).
    private func requeue(_ records: [ExecutionRecord]) {
        state.withLock { s in
            var merged = records.filter { s.index[$0.recordID] == nil }
            merged += s.pending
            if merged.count > options.maxPending { merged.removeFirst(merged.count - options.maxPending) }
            s.pending = merged
            s.index = Dictionary(uniqueKeysWithValues: merged.enumerated().map { ($0.element.recordID, $0.offset) })
        }
    }

    // MARK: - Delivering

    private var databaseUnavailable: Bool {
        state.withLock { s in
            guard let until = s.unavailableUntil else { return false }
            return ContinuousClock.now < until
        }
    }

    private func markUnavailable(_ error: PostgresError) {
        let first = state.withLock { s -> Bool in
            defer { s.unavailableUntil = ContinuousClock.now + options.retryInterval }
            return s.unavailableUntil == nil
        }
        if first {
            // The dependency monitor tells the operator; this is for whoever debugs the recorder.
            logger.debug(
                "PostgreSQL is unreachable; execution records wait in the Redis outbox",
                metadata: ["event": "recorder.outbox", "error": .string(error.description)])
        }
    }

    /// Delivers `batch` to PostgreSQL or the outbox; false when it had to stay in memory.
    private func deliver(_ batch: [ExecutionRecord]) async -> Bool {
        if !databaseUnavailable {
            switch await write(batch) {
            case .written: return true
            case .unavailable(let error): markUnavailable(error)
            }
        }
        return await park(batch)
    }

    private enum WriteResult {
        case written
        case unavailable(PostgresError)
    }

    /// Writes `records`; a batch the server refuses is split until the bad record is alone, which
    /// is logged and skipped, so one bad record never blocks the others.
    private func write(_ records: [ExecutionRecord]) async -> WriteResult {
        do {
            let rows = try await store.write(records)
            counters.withLock {
                $0.rowsWritten += rows
                $0.recordsWritten += records.count
                $0.batches += 1
            }
            let wasAway = state.withLock { s -> Bool in
                defer { s.unavailableUntil = nil }
                return s.unavailableUntil != nil
            }
            if wasAway { logger.debug("PostgreSQL is back; execution records are written again", metadata: ["event": "recorder.recovered"]) }
            return .written
        } catch let error where error.isUnavailable {
            return .unavailable(error)
        } catch {
            if records.count == 1 {
                counters.withLock { $0.rejected += 1 }
                logger.error(
                    "PostgreSQL refused an execution record; it is skipped",
                    metadata: [
                        "event": "recorder.rejected", "record_id": "\(records[0].recordID)", "job_id": .string(records[0].jobID),
                        "error": .string(error.description),
                    ])
                return .written
            }
            let half = records.count / 2
            if case .unavailable(let e) = await write(Array(records[..<half])) { return .unavailable(e) }
            return await write(Array(records[half...]))
        }
    }

    /// Sends `batch` to the outbox, or keeps it in memory if Redis is unreachable too.
    private func park(_ batch: [ExecutionRecord]) async -> Bool {
        guard let outbox else {
            requeue(batch)
            return false
        }
        do {
            let dropped = try await outbox.push(batch)
            counters.withLock {
                $0.recordsOutboxed += batch.count
                $0.outboxDropped += dropped
            }
            state.withLock { $0.outboxMayHoldRecords = true }
            return true
        } catch {
            logger.error("cannot park execution records in Redis either; keeping them in memory", metadata: ["error": .string(error.description)])
            requeue(batch)
            return false
        }
    }

    private func reportOutboxSize(_ outbox: ExecutionOutbox) async {
        if let size = try? await outbox.count() { outbox.monitor.observe(size: size) }
    }

    /// Moves one batch from the outbox into PostgreSQL, when the outbox may hold records and the
    /// database is not known to be away.
    private func drainOutboxIfDue() async {
        guard let outbox, state.withLock({ $0.outboxMayHoldRecords }), !databaseUnavailable else { return }
        do {
            let entries = try await outbox.peek(options.batchSize)
            guard let first = entries.first?.raw, let last = entries.last?.raw else {
                state.withLock { $0.outboxMayHoldRecords = false }
                outbox.monitor.observe(size: 0)
                return
            }
            let records = entries.compactMap(\.record)
            if records.count < entries.count {
                logger.error("skipping \(entries.count - records.count) unreadable outbox entries", metadata: ["event": "recorder.outbox"])
            }
            if !records.isEmpty {
                if case .unavailable(let error) = await write(records) {
                    markUnavailable(error)
                    return
                }
            }
            try await outbox.trim(first: first, last: last, count: entries.count)
            counters.withLock { $0.recordsReplayed += records.count }
            await reportOutboxSize(outbox)
        } catch {
            logger.warning("reading the outbox failed: \(error)", metadata: ["event": "recorder.outbox"])
        }
    }
}

/// Counters of an ``ExecutionRecorder``.
package struct ExecutionRecorderStatistics: Sendable, Equatable {
    /// Records written to PostgreSQL directly.
    package var recordsWritten = 0
    /// Rows inserted or finished by those writes.
    package var rowsWritten = 0
    /// Statements that wrote them.
    package var batches = 0
    /// Records parked in the outbox.
    package var recordsOutboxed = 0
    /// Records the outbox dropped, oldest first, because it was full (see
    /// ``ExecutionOutbox/maxRecords``).
    package var outboxDropped = 0
    /// Records moved from the outbox into PostgreSQL (by this process).
    package var recordsReplayed = 0
    /// Records PostgreSQL refused (logged and skipped).
    package var rejected = 0
    /// Records waiting in memory.
    package var pending = 0
}
