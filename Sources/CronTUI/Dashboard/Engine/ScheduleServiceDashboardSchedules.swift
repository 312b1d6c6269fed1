import Engine
import Foundation

/// The schedules the dashboard shows and changes, through the engine's ``ScheduleService``
/// (changes audited with interface `dashboard`).
struct ScheduleServiceDashboardSchedules: DashboardSchedules {
    let service: ScheduleService
    let store: PostgresExecutionStore
    let readonly: Bool

    init(engine: ProcessEngine, readonly: Bool) {
        service = engine.schedules
        store = engine.store
        self.readonly = readonly
    }

    private var caller: ScheduleService.Caller { OperatorIdentity.dashboardCaller }

    func rows() async throws -> [ScheduleRow] {
        let schedules = try await service.store.list(limit: 1_000)
        let latest = try await store.latest(forSchedules: schedules.map(\.id))
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
        try? await service.store.schedule(ScheduleReference(scheduleID)).name
    }

    func request(forScheduleID id: Int64?) async throws -> HTTPJob.Request? {
        guard let id else { return nil }
        return try await service.store.schedule(id: id)?.request
    }

    func runNow(scheduleID: String) async throws -> String {
        let run = try await service.runNow(ScheduleReference(scheduleID), by: caller)
        return "Queued job \(run.jobID) (trace \(run.traceID.prefix(8)))"
    }

    func setPaused(scheduleID: String, paused: Bool) async throws -> String {
        let reference = ScheduleReference(scheduleID)
        let (schedule, changed) = paused ? try await service.pause(reference, by: caller) : try await service.resume(reference, by: caller)
        if !changed { return "\"\(schedule.name)\" was already \(paused ? "paused" : "running")" }
        return (paused ? "Paused" : "Resumed") + " \"\(schedule.name)\""
    }
}
