import Engine
import Foundation

/// One schedule as the Schedules pane lists it: the engine's schedule, its latest attempt, and
/// what the pane works out from them (next fire, health).
struct ScheduleRow: Sendable, Equatable, Identifiable {
    /// How long past a due slot a schedule may go without an attempt before it counts as late:
    /// room for a busy queue, a slow leader hand-over and the snapshot's age.
    static let lateAfter: TimeInterval = 60

    /// The schedule as stored (its name and cron expression are untrusted text).
    var schedule: Schedule
    /// Its newest attempt (without response headers and body); nil before the first.
    var last: ExecutionRecord? {
        didSet { dueAfterLast = Self.due(cron, after: last, schedule) }
    }
    /// The next fire as of the snapshot; nil when paused or never again. ``next(at:)`` keeps it
    /// current between snapshots.
    var nextFire: Date?
    /// The parsed expression; nil when it no longer parses.
    private let cron: CronSchedule?
    /// The first slot after the latest attempt started (after the schedule became active when it
    /// never ran): if that slot is long past, the schedule is late.
    private var dueAfterLast: Date?

    /// A row for `schedule`, whose latest attempt is `last` and next fire `nextFire`.
    init(schedule: Schedule, last: ExecutionRecord?, nextFire: Date?) {
        self.schedule = schedule
        self.last = last
        self.nextFire = nextFire
        cron = try? CronSchedule(schedule.definition.cron, timeZone: schedule.definition.timeZone)
        dueAfterLast = Self.due(cron, after: last, schedule)
    }

    var id: Int64 { schedule.id }
    var name: String { schedule.name }
    var paused: Bool { !schedule.definition.enabled }

    /// The next fire as of `now`, never in the past for a schedule that will fire: when the
    /// snapshot's next fire has gone by, the one after `now`.
    func next(at now: Date) -> Date? {
        guard !paused else { return nil }
        if let nextFire, nextFire > now { return nextFire }
        guard let cron, let next = cron.nextFire(after: Int64(now.timeIntervalSince1970.rounded(.down))) else { return nil }
        return Date(timeIntervalSince1970: Double(next))
    }

    /// How it is doing at `now`: failing (its latest attempt did not succeed, or its jobs failed
    /// in a row), late (a slot went by without an attempt), paused, or ok.
    func health(at now: Date) -> ScheduleHealth {
        if let status = last?.status, status == .failed || status == .timedOut || status == .retrying { return .failing }
        if schedule.consecutiveFailures > 0 { return .failing }
        if paused { return .paused }
        if let due = dueAfterLast, now.timeIntervalSince(due) > Self.lateAfter { return .late }
        return .ok
    }

    /// What went wrong in the latest attempt, when it did not succeed.
    var lastError: String? {
        guard let last, last.status != .succeeded, last.status != .running else { return nil }
        return last.error ?? last.httpStatus.map { "HTTP \($0)" }
    }

    private static func due(_ cron: CronSchedule?, after last: ExecutionRecord?, _ schedule: Schedule) -> Date? {
        let since = (last?.startedAt ?? schedule.activeSince) / 1_000
        return cron?.nextFire(after: since).map { Date(timeIntervalSince1970: Double($0)) }
    }
}
