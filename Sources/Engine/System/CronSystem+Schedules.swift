extension CronSystem {
    /// Who asks, for the audit log: an operator's name and the interface used.
    public typealias Caller = ScheduleService.Caller
    /// A job enqueued by ``runSchedule(_:by:)``.
    public typealias ManualRun = ScheduleService.ManualRun

    /// Up to `limit` schedules by name, after `afterName` (keyset pages).
    public func schedules(after afterName: String? = nil, limit: Int = 1_000) async throws(ScheduleError) -> [Schedule] {
        try await scheduleService.store.list(after: afterName, limit: limit)
    }

    /// The schedule named by `reference` (an id when all digits, else a name); throws
    /// ``ScheduleError/Code/notFound`` when there is none.
    public func schedule(_ reference: ScheduleReference) async throws(ScheduleError) -> Schedule {
        try await scheduleService.store.schedule(reference)
    }

    /// The schedules with these ids (those that exist).
    public func schedules(ids: [Int64]) async throws(ScheduleError) -> [Schedule] {
        try await scheduleService.store.schedules(ids: ids)
    }

    /// Creates a schedule; nothing is written when a field is bad (the error names it). Audited.
    public func createSchedule(_ input: ScheduleInput, by caller: Caller) async throws(ScheduleError) -> Schedule {
        try await scheduleService.create(input, by: caller)
    }

    /// Changes the fields `input` sets; the result is checked as a whole. Audited.
    public func updateSchedule(_ reference: ScheduleReference, with input: ScheduleInput, by caller: Caller) async throws(ScheduleError)
        -> Schedule
    {
        try await scheduleService.update(reference, with: input, by: caller)
    }

    /// Deletes a schedule and returns it. Audited.
    public func deleteSchedule(_ reference: ScheduleReference, by caller: Caller) async throws(ScheduleError) -> Schedule {
        try await scheduleService.delete(reference, by: caller)
    }

    /// Pauses (`enabled` false) or resumes a schedule; `changed` is false when it already was so
    /// (only a change is audited).
    public func setScheduleEnabled(_ reference: ScheduleReference, _ enabled: Bool, by caller: Caller) async throws(ScheduleError) -> (
        schedule: Schedule, changed: Bool
    ) {
        enabled ? try await scheduleService.resume(reference, by: caller) : try await scheduleService.pause(reference, by: caller)
    }

    /// Enqueues one job of the schedule now (trigger `manual`). Audited.
    public func runSchedule(_ reference: ScheduleReference, by caller: Caller) async throws(ScheduleError) -> ManualRun {
        try await scheduleService.runNow(reference, by: caller)
    }

    /// The first `count` fire times of `schedule` strictly after `instant`, epoch ms.
    public static func nextFires(of schedule: Schedule, after instant: Int64, count: Int) -> [Int64] {
        ScheduleService.nextFires(of: schedule, after: instant, count: count)
    }

    /// The latest attempt of each schedule that has one, by schedule id (without response headers
    /// and body).
    public func latestAttempts(forSchedules ids: [Int64]) async throws(PostgresError) -> [Int64: ExecutionRecord] {
        try await store.latest(forSchedules: ids)
    }
}

extension CronSystem {
    /// The latest `limit` fire-ledger rows of a schedule, newest slot first.
    public func fires(ofSchedule id: Int64, limit: Int = 50) async throws(ScheduleError) -> [FireRecord] {
        do {
            return try await FireLedger(pool: database).fires(scheduleID: id, limit: limit)
        } catch {
            throw ScheduleError(.database, "database: \(error)")
        }
    }

    /// The names of the fields that differ between two definitions, as the flags spell them.
    public static func changedFields(_ a: ScheduleDefinition, _ b: ScheduleDefinition) -> [String] {
        ScheduleService.changedFields(a, b)
    }
}
