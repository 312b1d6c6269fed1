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

    /// How many enabled schedules name each queue (nil: the default queue).
    package func enabledCountsByQueue() async throws(ScheduleError) -> [(queue: String?, count: Int)] {
        let rows = try await query("SELECT queue, count(*) FROM \(Self.table) WHERE enabled GROUP BY queue ORDER BY queue NULLS FIRST")
        var counts: [(queue: String?, count: Int)] = []
        for row in rows { counts.append((try Self.decode(row, 0, as: String?.self), Int(try Self.decode(row, 1, as: Int64.self)))) }
        return counts
    }
}
