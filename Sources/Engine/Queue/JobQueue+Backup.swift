/// A copy of everything the queue keeps in Redis (jobs in every state, events, stats, claims, the
/// buffers waiting for PostgreSQL), taken and put back with Redis's own serialization (`DUMP` and
/// `RESTORE`), so a restore is exact, TTLs included.
extension JobQueue {
    /// One key as `DUMP` gave it.
    package struct DumpedKey: Sendable, Equatable {
        /// The key.
        package var key: String
        /// Its remaining time to live in milliseconds, 0 when it has none.
        package var ttl: Int64
        /// `DUMP`'s serialization of its value.
        package var value: [UInt8]

        /// A dumped key.
        package init(key: String, ttl: Int64, value: [UInt8]) {
            self.key = key
            self.ttl = ttl
            self.value = value
        }
    }

    /// Dumps at most this many keys per script call.
    static let dumpChunk = 500

    private static let dumpScript = RedisScript(
        """
        local out = {}
        for i, key in ipairs(KEYS) do
          local value = redis.call('DUMP', key)
          if value then
            local ttl = redis.call('PTTL', key)
            if ttl < 0 then ttl = 0 end
            out[#out + 1] = key
            out[#out + 1] = ttl
            out[#out + 1] = value
          end
        end
        return out
        """)

    /// Every key of the queue, dumped. The keys are listed with `SCAN`, then dumped in calls of
    /// ``dumpChunk`` keys, each call atomic; jobs that change state meanwhile are caught in one
    /// state or the other. Stop the engine first for a copy of one instant.
    package func dump() async throws(QueueError) -> [DumpedKey] {
        var keys: [String] = []
        var cursor = "0"
        repeat {
            let reply = try await send(RedisCommand("SCAN", cursor, "MATCH", self.keys.prefix + "*", "COUNT", 1_000))
            guard let parts = reply.array, parts.count == 2 else { break }
            cursor = parts[0].string ?? "0"
            keys += parts[1].array?.compactMap(\.string) ?? []
        } while cursor != "0"
        var dumped: [DumpedKey] = []
        for start in stride(from: 0, to: keys.count, by: Self.dumpChunk) {
            let chunk = Array(keys[start..<min(start + Self.dumpChunk, keys.count)])
            let reply: RedisValue
            do {
                reply = try await redis.run(Self.dumpScript, keys: chunk)
            } catch {
                throw QueueError(error)
            }
            let values = reply.array ?? []
            var i = 0
            while i + 2 < values.count {
                guard let key = values[i].string, let value = values[i + 2].bytes else { break }
                dumped.append(DumpedKey(key: key, ttl: Int64(values[i + 1].int ?? 0), value: value))
                i += 3
            }
        }
        return dumped.sorted { $0.key < $1.key }
    }

    /// Puts `keys` back (each replacing a key of the same name). Refuses keys of another queue.
    package func restore(_ keys: [DumpedKey]) async throws(QueueError) {
        for key in keys where !key.key.hasPrefix(self.keys.prefix) {
            throw QueueError(.invalid, "the backup holds '\(key.key.prefix(80))', which is not a key of queue \(name)")
        }
        for start in stride(from: 0, to: keys.count, by: Self.dumpChunk) {
            let commands = keys[start..<min(start + Self.dumpChunk, keys.count)].map {
                RedisCommand("RESTORE", $0.key, $0.ttl, $0.value, "REPLACE")
            }
            let replies: [RedisValue]
            do {
                replies = try await redis.pipeline(Array(commands))
            } catch {
                throw QueueError(error)
            }
            for reply in replies {
                if case .error(let message) = reply { throw QueueError(.redis, "RESTORE refused a key: \(message)") }
            }
        }
    }
}
