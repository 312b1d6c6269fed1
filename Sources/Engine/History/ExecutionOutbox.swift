import Foundation
import Logging

/// Execution records parked in Redis while PostgreSQL is unreachable: a list of JSON records,
/// appended at the tail and drained from the head once the database is back.
///
/// Draining is safe with several processes at once (see ``BoundedRedisList``): the store ignores a
/// record id it already holds.
///
/// The outbox is bounded (``maxRecords``, `OUTBOX_MAX_RECORDS`, default 100,000): a push past the
/// bound drops the oldest records in the same atomic step, counted in `crontui_outbox_dropped_total`
/// and told in an error line. Its size is the gauge `crontui_outbox_size`, and a warning is logged
/// when it holds more than half its bound (each line at most once per 30 s; see ``monitor``).
package struct ExecutionOutbox: Sendable {
    /// The most records it holds; past it the oldest are dropped.
    package var maxRecords: Int { list.maxLength }
    /// Reports its size and drops, and warns when it fills.
    package let monitor: BoundedBufferMonitor
    private let list: BoundedRedisList

    /// The default bound (`OUTBOX_MAX_RECORDS`).
    package static let defaultMaxRecords = 100_000

    /// The outbox of `queue` (``JobQueue/executionOutbox(maxLength:)``), holding at most `maxRecords` records.
    package init(
        queue: JobQueue, maxRecords: Int = ExecutionOutbox.defaultMaxRecords, metrics: EngineMetrics = EngineMetrics(),
        logger: Logger = Logger(label: "crontui.recorder"), clock: any QueueClock = SystemQueueClock()
    ) {
        list = queue.executionOutbox(maxLength: maxRecords)
        monitor = BoundedBufferMonitor(
            name: "outbox", queue: queue.name, bound: list.maxLength, sizeGauge: EngineMetricNames.outboxSize,
            droppedCounter: EngineMetricNames.outboxDropped,
            metrics: metrics, logger: logger, clock: clock)
    }

    /// Appends `records`; past ``maxRecords`` the oldest are dropped (and reported). Returns how
    /// many were dropped.
    @discardableResult
    package func push(_ records: [ExecutionRecord]) async throws(RedisError) -> Int {
        guard !records.isEmpty else { return 0 }
        let encoder = JSONEncoder()
        let entries = records.compactMap { record in (try? encoder.encode(record)).map { Array($0) } }
        let (length, dropped) = try await list.append(entries)
        monitor.observe(size: length, dropped: dropped)
        return dropped
    }

    /// Up to `count` records from the head, each with its raw bytes (nil record: an entry that
    /// does not decode, which the drainer skips).
    package func peek(_ count: Int) async throws(RedisError) -> [(raw: [UInt8], record: ExecutionRecord?)] {
        let decoder = JSONDecoder()
        return try await list.peek(count).map { ($0, try? decoder.decode(ExecutionRecord.self, from: Data($0))) }
    }

    /// Removes the `count` head entries if they are still the ones read (first and last given);
    /// returns whether it did.
    @discardableResult
    package func trim(first: [UInt8], last: [UInt8], count: Int) async throws(RedisError) -> Bool {
        try await list.trim(first: first, last: last, count: count)
    }

    /// How many records wait.
    package func count() async throws(RedisError) -> Int {
        try await list.length()
    }
}
