/// Retention of finished jobs: by age and by count, in bounded batches, whether or not jobs are
/// finishing. The worker pool's timer calls ``removeExpired()`` until a call finds no full batch, so
/// an idle queue loses its old jobs too.
extension JobQueue {
    /// Removes, from each of the completed and failed sets, up to ``QueueOptions/retentionBatch``
    /// jobs: first those older than their state's age limit, then the oldest beyond the count kept.
    /// Each job's hash goes with its set member. KEYS: ``QueueKeys/declared``. ARGV: prefix, now,
    /// batch, keep completed, max age completed ms (0: none), keep failed, max age failed ms. Returns
    /// {removed completed, removed failed, completed left, failed left}.
    static let retentionScript = RedisScript(
        """
        \(QueueScripts.declaredKeys)
        local now = tonumber(ARGV[2])
        local batch = tonumber(ARGV[3])
        local function drop(set, ids)
          if #ids == 0 then return end
          local keys = {}
          for i, id in ipairs(ids) do keys[i] = P .. 'job:' .. id end
          redis.call('UNLINK', unpack(keys))
          redis.call('ZREM', set, unpack(ids))
        end
        local function expire(set, keep, maxAge)
          local removed = 0
          if maxAge > 0 then
            local ids = redis.call('ZRANGEBYSCORE', set, '-inf', now - maxAge, 'LIMIT', 0, batch)
            drop(set, ids)
            removed = #ids
          end
          if keep >= 0 and removed < batch then
            local excess = math.min(redis.call('ZCARD', set) - keep, batch - removed)
            if excess > 0 then
              drop(set, redis.call('ZRANGE', set, 0, excess - 1))
              removed = removed + excess
            end
          end
          return removed
        end
        local c = expire(K.completed, tonumber(ARGV[4]), tonumber(ARGV[5]))
        local f = expire(K.failed, tonumber(ARGV[6]), tonumber(ARGV[7]))
        return {c, f, redis.call('ZCARD', K.completed), redis.call('ZCARD', K.failed)}
        """)

    /// One bounded retention call: at most ``QueueOptions/retentionBatch`` jobs per state (see
    /// ``retentionScript``).
    package func removeExpired() async throws(QueueError) -> QueueRetentionPass {
        let batch = max(1, min(options.retentionBatch, 5_000))
        let values =
            try await run(
                Self.retentionScript,
                [
                    keys.prefix, clock.nowMilliseconds(), batch, options.keepCompleted, options.maxAgeCompleted?.milliseconds ?? 0,
                    options.keepFailed, options.maxAgeFailed?.milliseconds ?? 0,
                ]
            ).array ?? []
        guard values.count == 4 else { throw QueueError(.redis, "unexpected retention reply") }
        let removed = (values[0].int ?? 0, values[1].int ?? 0)
        return QueueRetentionPass(
            removedCompleted: removed.0, removedFailed: removed.1, completed: values[2].int ?? 0, failed: values[3].int ?? 0,
            mayHaveMore: removed.0 >= batch || removed.1 >= batch)
    }
}
