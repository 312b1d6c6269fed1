import Engine
import Foundation

/// The schedules the dashboard shows and changes, through the system's façade (changes audited
/// with interface `dashboard`).
struct SystemDashboardSchedules: DashboardSchedules {
    let system: CronSystem
    let readonly: Bool

    private var caller: CronSystem.Caller { OperatorIdentity.dashboardCaller }

    func rows() async throws -> [ScheduleRow] {
        let schedules = try await system.schedules(limit: 1_000)
        let latest = try await system.latestAttempts(forSchedules: schedules.map(\.id))
        let now = Int64(Date().timeIntervalSince1970)
        return schedules.map { schedule in
            let d = schedule.definition
            let next = d.enabled ? (try? CronSchedule(d.cron, timeZone: d.timeZone))?.nextFire(after: now) : nil
            let last = latest[schedule.id]
            return ScheduleRow(
                id: String(schedule.id), name: d.name, cron: d.cron, timeZone: d.timeZone,
                nextFire: next.map { Date(timeIntervalSince1970: Double($0)) },
                lastStatus: last?.status,
                lastRun: last.map { EngineDashboardSource.date(milliseconds: $0.startedAt) }, paused: !d.enabled)
        }
    }

    func name(of scheduleID: String) async throws -> String? {
        try? await system.schedule(ScheduleReference(scheduleID)).name
    }

    func request(forScheduleID id: Int64?) async throws -> HTTPJob.Request? {
        guard let id else { return nil }
        return try await system.schedules(ids: [id]).first?.request
    }

    func runNow(scheduleID: String) async throws -> String {
        let run = try await system.runSchedule(ScheduleReference(scheduleID), by: caller)
        return "Queued job \(run.jobID) (trace \(run.traceID.prefix(8)))"
    }

    func setPaused(scheduleID: String, paused: Bool) async throws -> String {
        let reference = ScheduleReference(scheduleID)
        let (schedule, changed) = try await system.setScheduleEnabled(reference, !paused, by: caller)
        if !changed { return "\"\(schedule.name)\" was already \(paused ? "paused" : "running")" }
        return (paused ? "Paused" : "Resumed") + " \"\(schedule.name)\""
    }
}
