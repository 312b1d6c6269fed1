import Engine

/// Stands in for the schedule store until it is wired: no rows, and commands that say so.
struct NoDashboardSchedules: DashboardSchedules {
    func rows() async throws -> [ScheduleRow] { [] }
    func name(of scheduleID: String) async throws -> String? { nil }
    func request(forScheduleID id: Int64?) async throws -> HTTPJob.Request? { nil }
    func runNow(scheduleID: String) async throws -> String { "Schedules are not available here" }
    func setPaused(scheduleID: String, paused: Bool) async throws -> String { "Schedules are not available here" }
}
