import Logging
import Synchronization

/// Turns every due slot of every enabled schedule into one job on the queue, exactly once, however
/// many schedulers run.
///
/// One scheduler leads at a time (a lease in Redis, see ``LeaderState``); the others stand by and
/// take over within the lease's TTL when the leader vanishes. The leader keeps each schedule's
/// next slot in a heap, and at each instant claims all slots due then in Redis and enqueues their
/// jobs in the same atomic step (``JobQueue/claim(_:)``): a slot is claimed once, so even two
/// leaders at once cannot fire a slot twice. The same step keeps each slot's ledger row in Redis,
/// and the ledger task writes those rows to PostgreSQL when it answers: firing needs PostgreSQL
/// only to load the schedules, and not even then while the snapshot the last leader kept in Redis
/// is there. Missed slots (downtime, a hand-over) follow each schedule's missed-fire policy, a slot
/// due while the previous run is unfinished its overlap policy, and every slot not run is recorded
/// as `missed` or `skipped`. Changes to schedules arrive by `LISTEN`/`NOTIFY` within a second, with
/// a periodic full comparison in case a notification was lost.
///
/// Start it as one more engine component:
/// ```swift
/// let scheduler = Scheduler(queue: engine.queue, database: engine.database,
///                           options: SchedulerOptions(configuration: configuration), logger: logger)
/// try await scheduler.run()        // until scheduler.shutdown()
/// ```
package final class Scheduler: Sendable {
    /// The queue fires are enqueued on; its name also names the lease.
    package let queue: JobQueue
    /// Where schedules are read.
    package let store: ScheduleStore
    /// The fire ledger.
    package let ledger: FireLedger
    /// Where automatic pauses are recorded.
    package let audit: AuditStore
    /// How it runs.
    package let options: SchedulerOptions
    /// The clock fires are timed by.
    package let clock: any SchedulerClock
    let logger: Logger
    let inbox = SchedulerInbox()
    let statusBox: Mutex<SchedulerStatus>
    /// The schedules the leader fires, kept beside the queue for a leader that cannot read PostgreSQL.
    let snapshot: ScheduleSnapshot
    /// Ledger rows waiting in Redis for PostgreSQL.
    let fireOutbox: BoundedRedisList
    /// Reports the size of ``fireOutbox`` and its drops, and warns when it fills.
    let fireOutboxMonitor: BoundedBufferMonitor
    /// Woken when slots were claimed, so their rows reach PostgreSQL at once.
    let ledgerWakeup = Wakeup()
    let ledgerState = Mutex(LedgerState())

    /// A scheduler over `queue` and the schedules in `database`; nothing runs until ``run()``.
    package init(
        queue: JobQueue, database: PostgresPool, options: SchedulerOptions = SchedulerOptions(), clock: any SchedulerClock = SystemSchedulerClock(),
        logger: Logger = Logger(label: "crontui.scheduler")
    ) {
        self.queue = queue
        self.store = ScheduleStore(pool: database, clock: clock)
        self.ledger = FireLedger(pool: database)
        self.audit = AuditStore(pool: database, clock: clock)
        self.options = options
        self.clock = clock
        var logger = logger
        logger[metadataKey: "scheduler"] = .string(options.instanceID)
        self.logger = logger
        snapshot = ScheduleSnapshot(queue: queue)
        fireOutbox = queue.fireOutbox(maxLength: options.fireOutboxMaxRows)
        fireOutboxMonitor = BoundedBufferMonitor(
            name: "fire ledger buffer", queue: queue.name, bound: options.fireOutboxMaxRows, sizeGauge: EngineMetricNames.fireOutboxSize,
            droppedCounter: EngineMetricNames.fireOutboxDropped, metrics: options.metrics, logger: logger, clock: queue.clock)
        var status = SchedulerStatus()
        status.instanceID = options.instanceID
        statusBox = Mutex(status)
    }

    /// `scheduler`, its name among the engine's components.
    package var name: String { "scheduler" }

    /// What it is doing now.
    package var status: SchedulerStatus { statusBox.withLock { $0 } }

    /// Runs until ``shutdown()`` or until its task is cancelled: competes for the lease, and fires
    /// while it leads. With
    /// ``SchedulerOptions/enabled`` false it only waits for ``shutdown()``. On the way out a leader
    /// gives the lease up, so a standby takes over at once.
    ///
    /// It runs, and its clock's waits wake, on a thread of its own rather than on Swift's
    /// cooperative pool (two threads on a 2-core machine): requests, API calls or anything else
    /// keeping the pool busy for seconds would otherwise make every slot of that moment late, and a
    /// slot later than the misfire threshold counts as missed.
    package func run() async throws {
        let executor = DedicatedThreadExecutor(name: "scheduler")
        defer { executor.shutdown() }
        await DedicatedThreadExecutor.$current.withValue(executor) {
            await withTaskExecutorPreference(executor) { await lead() }
        }
    }

    private func lead() async {
        defer { inbox.close() }
        guard options.enabled else {
            while !Task.isCancelled {
                await inbox.wait()
                let events = inbox.take()
                SchedulerInbox.answer(events)
                if events.contains(where: { if case .stop = $0 { true } else { false } }) { return }
            }
            return
        }
        logger.info("scheduler starting", metadata: ["event": "scheduler.start", "may_lead": .stringConvertible(options.mayLead)])
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.leaseLoop() }
            group.addTask { await self.listenLoop() }
            group.addTask { await self.finishedJobsLoop() }
            group.addTask { await self.ledgerLoop() }
            let core = SchedulerCore(self)
            await core.run()
            group.cancelAll()
        }
        statusBox.withLock { $0.isLeader = false }
        logger.info("scheduler stopped", metadata: ["event": "scheduler.stop"])
    }

    /// Begins the stop: the tick under way finishes, then ``run()`` returns. Returns at once.
    package func shutdown() {
        inbox.post(.stop)
    }

    /// Returns once the scheduler has handled everything due at the clock's current time and every
    /// change announced before the call (for tests that move an injected clock, and for tools).
    package func settle() async {
        await withCheckedContinuation { continuation in
            inbox.post(.settle(continuation))
        }
    }

    /// The next slot (epoch ms) the leader holds for schedule `id`; nil when it holds none (not
    /// leading or not running, the schedule is paused, unknown, or never fires again). Asked before
    /// ``run()`` starts, it is answered once it has.
    package func nextDue(of id: Int64) async -> Int64? {
        await withCheckedContinuation { continuation in
            inbox.post(.query(id, continuation))
        }
    }
}
