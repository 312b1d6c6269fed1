/// Which queues the schedules name.
extension ScheduleStore {
    /// Every queue some schedule names, by name, and nil when some schedule names none (it fires
    /// into the default queue). Paused schedules count: their queue still holds their jobs.
    package func queueNames() async throws(ScheduleError) -> [String?] {
        let rows = try await query("SELECT DISTINCT queue FROM \(Self.table) ORDER BY queue NULLS FIRST")
        var names: [String?] = []
        for row in rows { names.append(try Self.decode(row, 0, as: String?.self)) }
        return names
    }
}
