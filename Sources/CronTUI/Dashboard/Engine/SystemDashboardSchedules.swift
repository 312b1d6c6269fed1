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
        let now = Date()
        return schedules.map { schedule in
            var row = ScheduleRow(schedule: schedule, last: latest[schedule.id], nextFire: nil)
            // As of now; the pane moves it on by its own clock once it has gone by.
            row.nextFire = row.next(at: now)
            return row
        }
    }

    func schedule(id: Int64?) async throws -> Schedule? {
        guard let id else { return nil }
        return try await system.schedules(ids: [id]).first
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
