import Synchronization

/// What the command line, the HTTP API and the dashboard do with schedules: create, change,
/// pause, resume, delete and run now. Every change is audited (who, from which interface).
///
/// ```swift
/// let service = ScheduleService(database: pool, queue: queue)
/// let run = try await service.runNow(.name("nightly-report"), by: .init(actor: "ana", interface: .dashboard))
/// print(run.jobID, run.traceID)
/// ```
public struct ScheduleService: Sendable {
    /// Who asks, for the audit log.
    public struct Caller: Sendable, Equatable {
        /// A user name, a token's name.
        public var actor: String
        /// From where.
        public var interface: AuditEntry.Interface

        /// Creates a caller.
        public init(actor: String, interface: AuditEntry.Interface) {
            self.actor = actor
            self.interface = interface
        }
    }

    /// A job enqueued by ``runNow(_:by:)``.
    public struct ManualRun: Sendable, Equatable {
        /// The schedule it runs.
        public var scheduleID: Int64
        /// The queue job: `<schedule id>:run:<random>`.
        public var jobID: String
        /// The trace id carried to the request.
        public var traceID: String
    }

    /// The schedules.
    package let store: ScheduleStore
    /// The audit log.
    package let audit: AuditStore
    /// The queue manual runs go to; nil for a service that only manages schedules.
    package let queue: JobQueue?

    /// A service over the schedules in `database` and, for runs, `queue`.
    package init(database: PostgresPool, queue: JobQueue?, clock: any QueueClock = SystemQueueClock()) {
        store = ScheduleStore(pool: database, clock: clock)
        audit = AuditStore(pool: database, clock: clock)
        self.queue = queue
    }

    /// Creates a schedule from `input` (name, cron and URL required). Nothing is written when a
    /// field is bad: the ``ScheduleError`` names it.
    public func create(_ input: ScheduleInput, by caller: Caller) async throws(ScheduleError) -> Schedule {
        let schedule = try await store.create(try input.definition())
        let d = schedule.definition
        try await record(
            caller, "schedule.create", schedule,
            ["cron": d.cron, "tz": d.timeZone, "method": d.method, "url": schedule.displayURL, "enabled": String(d.enabled)])
        return schedule
    }

    /// Changes the fields given in `input`; the result is checked as a whole first.
    ///
    /// A schedule moved to another queue takes its claims along (``JobQueue/handOff(_:)`` and
    /// ``JobQueue/takeOver(_:from:)``, while its row is locked): the old queue claims none of its
    /// slots once the move is made, the new one claims those after the latest the old one
    /// claimed, so no slot runs in both queues and none is lost. A move is refused when Redis does
    /// not answer.
    public func update(_ reference: ScheduleReference, with input: ScheduleInput, by caller: Caller) async throws(ScheduleError) -> Schedule {
        let handedOff = HandedOff()
        var move: (@Sendable (Schedule, ScheduleDefinition) async throws(ScheduleError) -> Void)?
        if queue != nil {
            move = { @Sendable [self] schedule, definition throws(ScheduleError) in
                guard let from = queue(named: schedule.definition.queue), let to = queue(named: definition.queue) else { return }
                do {
                    let handover = try await from.handOff(schedule.id)
                    handedOff.value.withLock { $0 = (from, schedule.id, handover.held) }
                    try await to.takeOver(schedule.id, from: handover)
                } catch {
                    throw ScheduleError(.queue, "cannot move the schedule to queue \(to.name): \(error)")
                }
            }
        }
        let before: Schedule
        let after: Schedule
        do {
            (before, after) = try await store.update(reference, with: input, move: move)
        } catch {
            // The change did not happen: the old queue claims the schedule's slots again.
            if let (from, id, held) = handedOff.value.withLock({ $0 }) { _ = try? await from.takeBack(id, held: held) }
            throw error
        }
        // An edit that changed nothing is not an action worth an audit entry.
        let changed = Self.changedFields(before.definition, after.definition)
        if !changed.isEmpty { try await record(caller, "schedule.update", after, ["changed": changed.joined(separator: ",")]) }
        return after
    }

    /// Deletes a schedule; returns it.
    @discardableResult
    public func delete(_ reference: ScheduleReference, by caller: Caller) async throws(ScheduleError) -> Schedule {
        let schedule = try await store.delete(reference)
        // Its latest claimed slot is of no use any more (ids are never reused).
        try? await queue(of: schedule)?.forgetClaims([schedule.id])
        try await record(caller, "schedule.delete", schedule, [:])
        return schedule
    }

    /// Pauses a schedule: it fires no more until resumed. Returns it and whether it was running.
    public func pause(_ reference: ScheduleReference, by caller: Caller) async throws(ScheduleError) -> (schedule: Schedule, changed: Bool) {
        let result = try await store.setEnabled(reference, false)
        if result.changed { try await record(caller, "schedule.pause", result.schedule, [:]) }
        return result
    }

    /// Resumes a paused schedule. Slots that passed while it was paused are not missed ones.
    public func resume(_ reference: ScheduleReference, by caller: Caller) async throws(ScheduleError) -> (schedule: Schedule, changed: Bool) {
        let result = try await store.setEnabled(reference, true)
        if result.changed { try await record(caller, "schedule.resume", result.schedule, [:]) }
        return result
    }

    /// The queue `schedule`'s jobs go to: the one it names, over the same Redis client, or this
    /// service's queue (the default queue) when it names none.
    func queue(of schedule: Schedule) -> JobQueue? {
        queue(named: schedule.definition.queue)
    }

    /// The queue `name`, or this service's queue (the default queue) for nil.
    private func queue(named name: String?) -> JobQueue? {
        guard let queue, let name else { return queue }
        return queue.sibling(named: name)
    }

    /// The queue a move has handed a schedule's claims off from, kept to undo it when the change
    /// does not commit.
    private final class HandedOff: Sendable {
        let value = Mutex<(queue: JobQueue, scheduleID: Int64, held: Int64?)?>(nil)
    }

    /// Enqueues one job of the schedule now (trigger `manual`, paused or not), outside its slots.
    public func runNow(_ reference: ScheduleReference, by caller: Caller) async throws(ScheduleError) -> ManualRun {
        let schedule = try await store.schedule(reference)
        guard let queue = queue(of: schedule) else { throw ScheduleError(.queue, "no queue to run on") }
        let payload = HTTPJob(scheduleID: schedule.id, scheduleName: schedule.name, trigger: .manual, request: schedule.request)
        let bytes: [UInt8]
        do {
            bytes = try payload.encoded()
        } catch {
            throw ScheduleError(.invalid, "the request cannot be encoded: \(error)")
        }
        let job = NewJob(
            id: "\(schedule.id):run:" + RandomSource.hex(RandomSource.next()), payload: bytes, options: schedule.jobOptions,
            traceID: TraceID.random(),
            schedule: schedule.name)
        do {
            try await queue.enqueue(job)
        } catch {
            throw ScheduleError(error)
        }
        let run = ManualRun(scheduleID: schedule.id, jobID: job.id ?? "", traceID: job.traceID)
        try await record(caller, "schedule.run", schedule, ["job_id": run.jobID, "trace_id": run.traceID])
        return run
    }

    /// The first `count` fire times of `schedule` strictly after `instant` (epoch ms), epoch ms.
    public static func nextFires(of schedule: Schedule, after instant: Int64, count: Int) -> [Int64] {
        guard let cron = try? CronSchedule(schedule.definition.cron, timeZone: schedule.definition.timeZone) else { return [] }
        let seconds = instant >= 0 ? instant / 1_000 : (instant - 999) / 1_000
        return cron.nextFires(after: seconds, count: count).map { $0 * 1_000 }
    }

    /// `schedule 42 (nightly-report)`, as audit targets name a schedule.
    static func target(_ schedule: Schedule) -> String {
        "schedule \(schedule.id) (\(schedule.name))"
    }

    /// The names of the fields that differ, as the flags spell them (`cron`, `url`, ...).
    public static func changedFields(_ a: ScheduleDefinition, _ b: ScheduleDefinition) -> [String] {
        // Closures, not key paths: a key path to an optional turned into `AnyHashable` traps on nil
        // (Swift 6.3).
        let fields: [(String, (ScheduleDefinition) -> AnyHashable)] = [
            ("name", { $0.name }), ("cron", { $0.cron }), ("tz", { $0.timeZone }), ("method", { $0.method }), ("url", { $0.url }),
            ("header", { $0.headers }), ("body", { AnyHashable($0.body) }), ("timeout", { $0.timeoutMs }), ("attempts", { $0.attempts }),
            ("backoff", { $0.backoff.scheduleText }), ("missed", { $0.missed }), ("overlap", { $0.overlap }),
            ("pause-after-failures", { AnyHashable($0.pauseAfterFailures) }), ("queue", { AnyHashable($0.queue) }),
        ]
        return fields.filter { $0.1(a) != $0.1(b) }.map(\.0)
    }

    private func record(_ caller: Caller, _ action: String, _ schedule: Schedule, _ details: [String: String]) async throws(ScheduleError) {
        do {
            try await audit.record(
                AuditEntry(actor: caller.actor, interface: caller.interface, action: action, target: Self.target(schedule), details: details))
        } catch {
            throw ScheduleError(.database, "\(action) of \(Self.target(schedule)) was done, but recording it in the audit log failed: \(error)")
        }
    }
}
