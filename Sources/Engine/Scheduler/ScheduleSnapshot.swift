import Foundation

/// The schedules the leader fires, kept beside the queue (``JobQueue/replaceScheduleSnapshot(_:)``)
/// as the leader loads and reloads them. A scheduler that takes the lead while PostgreSQL is away
/// loads them from there, so firing goes on across a hand-over during an outage.
struct ScheduleSnapshot: Sendable {
    let queue: JobQueue

    /// Replaces the whole snapshot with `schedules`.
    func replace(with schedules: [Schedule]) async throws(QueueError) {
        try await queue.replaceScheduleSnapshot(Self.encoded(schedules))
    }

    /// Writes `schedules` and removes `removed`.
    func update(_ schedules: [Schedule], removing removed: [Int64]) async throws(QueueError) {
        try await queue.updateScheduleSnapshot(Self.encoded(schedules), removing: removed)
    }

    /// Every schedule in the snapshot (entries that no longer decode are left out).
    func read() async throws(QueueError) -> [Schedule] {
        let decoder = JSONDecoder()
        return try await queue.scheduleSnapshot().compactMap { try? decoder.decode(Schedule.self, from: Data($0)) }.sorted { $0.id < $1.id }
    }

    private static func encoded(_ schedules: [Schedule]) -> [(id: Int64, value: [UInt8])] {
        let encoder = JSONEncoder()
        return schedules.compactMap { schedule in (try? encoder.encode(schedule)).map { (schedule.id, Array($0)) } }
    }
}
