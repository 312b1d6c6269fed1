import Foundation

/// The schedules the leader fires, kept in Redis (``QueueKeys/scheduleSnapshot``, one JSON field
/// per schedule) as the leader loads and reloads them. A scheduler that takes the lead while
/// PostgreSQL is away loads them from here, so firing goes on across a hand-over during an outage.
struct ScheduleSnapshot: Sendable {
    let redis: RedisClient
    let key: String

    /// Fields per `HSET`.
    static let chunk = 1_000

    /// Replaces the whole snapshot with `schedules` (written under a temporary key, then renamed,
    /// so a reader never sees half of it).
    func replace(with schedules: [Schedule]) async throws(RedisError) {
        let temporary = key + ":writing"
        var commands = [RedisCommand("DEL", temporary)]
        commands += Self.sets(temporary, schedules)
        commands.append(schedules.isEmpty ? RedisCommand("DEL", key) : RedisCommand("RENAME", temporary, key))
        _ = try await redis.pipeline(commands)
    }

    /// Writes `schedules` and removes `removed`.
    func update(_ schedules: [Schedule], removing removed: [Int64]) async throws(RedisError) {
        var commands = Self.sets(key, schedules)
        if !removed.isEmpty { commands.append(RedisCommand("HDEL", [key] + removed.map(String.init))) }
        if !commands.isEmpty { _ = try await redis.pipeline(commands) }
    }

    /// Every schedule in the snapshot (entries that no longer decode are left out).
    func read() async throws(RedisError) -> [Schedule] {
        let values = try await redis.send(RedisCommand("HVALS", key)).array ?? []
        let decoder = JSONDecoder()
        return values.compactMap { $0.bytes.flatMap { try? decoder.decode(Schedule.self, from: Data($0)) } }.sorted { $0.id < $1.id }
    }

    private static func sets(_ key: String, _ schedules: [Schedule]) -> [RedisCommand] {
        let encoder = JSONEncoder()
        var commands: [RedisCommand] = []
        for start in stride(from: 0, to: schedules.count, by: chunk) {
            var command = RedisCommand("HSET", key)
            for schedule in schedules[start..<min(start + chunk, schedules.count)] {
                guard let data = try? encoder.encode(schedule) else { continue }
                command.append(String(schedule.id))
                command.append(Array(data))
            }
            commands.append(command)
        }
        return commands
    }
}
