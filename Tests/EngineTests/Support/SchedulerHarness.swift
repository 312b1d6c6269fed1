import Foundation
import Logging
import TestSupport
import Testing

@testable import Engine

/// A schema, a queue and a manual clock of their own for one scheduler test, and schedulers to run
/// on them; everything is stopped and dropped afterwards.
struct SchedulerHarness: Sendable {
    /// 2027-01-15T08:00:00.500Z: half a second past a slot of every-second schedules.
    static let defaultStart: Int64 = 1_800_000_000_500

    let database: TestDatabase
    let pool: PostgresPool
    let clock: ManualSchedulerClock
    let fixture: QueueFixture
    var queue: JobQueue { fixture.queue }
    let service: ScheduleService
    var store: ScheduleStore { service.store }

    /// Runs `body` with a fresh harness whose clock starts at `start`.
    static func with(start: Int64 = defaultStart, _ body: (SchedulerHarness) async throws -> Void) async throws {
        try await TestDatabase.withSchema { database in
            let pool = PostgresPool(endpoint: database.endpoint, size: 4)
            try await pool.withConnection { _ = try await MigrationRunner().run(on: $0) }
            let clock = ManualSchedulerClock(start)
            var options = QueueOptions()
            options.keepCompleted = -1
            options.keepFailed = -1
            let fixture = try QueueFixture(options: options, clock: clock)
            let harness = SchedulerHarness(
                database: database, pool: pool, clock: clock, fixture: fixture,
                service: ScheduleService(database: pool, queue: fixture.queue, clock: clock))
            do {
                try await body(harness)
            } catch {
                await fixture.tearDown()
                await pool.close()
                throw error
            }
            await fixture.tearDown()
            await pool.close()
        }
    }

    /// Options for a test scheduler: a short lease, no periodic resync noise.
    static func options(_ configure: (inout SchedulerOptions) -> Void = { _ in }) -> SchedulerOptions {
        var options = SchedulerOptions()
        options.leaseTTL = .seconds(3)
        configure(&options)
        return options
    }

    /// A running scheduler.
    struct Running: Sendable {
        let scheduler: Scheduler
        let task: Task<Void, Never>

        /// Stops it and waits until it has.
        func stop() async {
            scheduler.shutdown()
            await task.value
        }
    }

    /// Starts a scheduler and, when `lead` is true, waits until it leads and has loaded.
    func start(_ options: SchedulerOptions = SchedulerHarness.options(), lead: Bool = true) async throws -> Running {
        var logger = Logger(label: "test.scheduler")
        logger.logLevel = .warning
        let scheduler = Scheduler(queue: queue, database: pool, options: options, clock: clock, logger: logger)
        let task = Task { _ = try? await scheduler.run() }
        let running = Running(scheduler: scheduler, task: task)
        if lead {
            let leads = try await QueueFixture.eventually(timeout: .seconds(30)) { scheduler.status.isLeader && scheduler.status.listening }
            guard leads else {
                await running.stop()
                throw HarnessError("the scheduler did not take the lead")
            }
            await scheduler.settle()
        }
        return running
    }

    /// Creates a schedule (with the harness clock's time).
    @discardableResult
    func add(_ name: String, cron: String, tz: String = "UTC", missed: String? = nil, overlap: String? = nil, pauseAfter: String? = nil)
        async throws -> Schedule
    {
        try await service.create(
            ScheduleInput(
                name: name, cron: cron, timeZone: tz, url: "http://127.0.0.1:9/\(name)", missed: missed, overlap: overlap,
                pauseAfterFailures: pauseAfter), by: .init(actor: "test", interface: .cli))
    }

    /// Moves the clock to `target`, stopping at every slot the scheduler holds on the way so each
    /// fires exactly on time, and lets the scheduler handle everything.
    func run(_ scheduler: Scheduler, to target: Int64) async {
        while true {
            await scheduler.settle()
            guard let due = scheduler.status.nextDue, due <= target else { break }
            clock.set(due)
        }
        clock.set(target)
        await scheduler.settle()
    }

    /// Moves the clock forward by `duration` (see ``run(_:to:)``).
    func run(_ scheduler: Scheduler, for duration: Duration) async {
        await run(scheduler, to: clock.nowMilliseconds() + duration.milliseconds)
    }

    /// The ledger of a schedule, oldest slot first.
    func fires(_ schedule: Schedule) async throws -> [FireRecord] {
        try await FireLedger(pool: pool).fires(scheduleID: schedule.id, limit: 100_000).reversed()
    }

    /// The slots of `records`, in seconds after the harness's start second.
    func seconds(_ records: [FireRecord]) -> [Int64] {
        records.map { ($0.scheduledFor - Self.defaultStart + 500) / 1_000 }
    }

    /// Every job id in the queue, whatever its state.
    func jobIDs() async throws -> Set<String> {
        try await queue.allJobIDs()
    }

    /// Takes the oldest waiting job and completes it (or fails it for good).
    func finishNextJob(failing: Bool = false) async throws -> String? {
        let handoff = try await queue.fetch(count: 1, worker: "test")
        guard let job = handoff.jobs.first else { return nil }
        if failing {
            _ = try await queue.fail(job, error: "boom", retryDelay: nil)
        } else {
            _ = try await queue.complete(job)
        }
        return job.job.id
    }
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
