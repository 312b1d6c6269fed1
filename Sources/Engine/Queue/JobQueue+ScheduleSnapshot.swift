/// The copy of the leader's schedules kept beside the queue (``QueueKeys/scheduleSnapshot``, one
/// field per schedule id), so a scheduler that takes the lead while PostgreSQL is away fires them
/// still. The queue stores the values as given; the scheduler encodes and decodes them.
extension JobQueue {
    /// Fields per `HSET`.
    static let snapshotChunk = 1_000

    /// Replaces the whole snapshot with `entries` (written under a temporary key, then renamed, so
    /// a reader never sees half of it).
    package func replaceScheduleSnapshot(_ entries: [(id: Int64, value: [UInt8])]) async throws(QueueError) {
        let key = keys.scheduleSnapshot
        let temporary = key + ":writing"
        var commands = [RedisCommand("DEL", temporary)]
        commands += Self.snapshotSets(temporary, entries)
        commands.append(entries.isEmpty ? RedisCommand("DEL", key) : RedisCommand("RENAME", temporary, key))
        try await pipeline(commands)
    }

    /// Writes `entries` and removes the schedules `removed`.
    package func updateScheduleSnapshot(_ entries: [(id: Int64, value: [UInt8])], removing removed: [Int64]) async throws(QueueError) {
        var commands = Self.snapshotSets(keys.scheduleSnapshot, entries)
        if !removed.isEmpty { commands.append(RedisCommand("HDEL", [keys.scheduleSnapshot] + removed.map(String.init))) }
        if !commands.isEmpty { try await pipeline(commands) }
    }

    /// Every value in the snapshot, in no particular order.
    package func scheduleSnapshot() async throws(QueueError) -> [[UInt8]] {
        (try await send(RedisCommand("HVALS", keys.scheduleSnapshot)).array ?? []).compactMap(\.bytes)
    }

    private static func snapshotSets(_ key: String, _ entries: [(id: Int64, value: [UInt8])]) -> [RedisCommand] {
        stride(from: 0, to: entries.count, by: snapshotChunk).map { start in
            var command = RedisCommand("HSET", key)
            for entry in entries[start..<min(start + snapshotChunk, entries.count)] {
                command.append(String(entry.id))
                command.append(entry.value)
            }
            return command
        }
    }
}
