/// The Lua scripts behind every state change of a job. Each change and its lifecycle event happen in
/// one script, so state and events never disagree. All scripts take the queue's keys
/// (``QueueKeys/declared``) as `KEYS`, the key prefix as `ARGV[1]` and the current time in epoch
/// milliseconds as `ARGV[2]`.
///
/// Every key a script touches is declared in `KEYS`, except those named after what the script
/// reads or is given (a job's hash, a worker's inbox, a minute's counter): those are built from the
/// prefix of the first declared key (not from `ARGV[1]`, which only keeps the arguments' numbers),
/// so they share its hash tag and slot, and a Redis Cluster refuses a script that would touch a
/// key of another slot.
///
/// An event is a stream entry with the fields `type`, `job`, `attempt`, `ts` and `detail`, and,
/// when known: `class` (the failure's ``ExecutionErrorKind``), `max` (the job's attempts in all,
/// from its options), `schedule` (the name it was enqueued with), `status` and `ms` (the attempt's
/// HTTP status and duration, as its worker reported them) and `delay` (ms until the next attempt
/// of a delayed or retrying job). ``QueueEvent`` decodes them.
struct QueueScripts: Sendable {
    /// The queue's declared keys by name (in the order of ``QueueKeys/declared``), and `P`, the
    /// prefix of the keys named after data, taken from the first.
    static let declaredKeys = """
        local K = {wait = KEYS[1], active = KEYS[2], delayed = KEYS[3], completed = KEYS[4], failed = KEYS[5],
          events = KEYS[6], marker = KEYS[7], idle = KEYS[8], paused = KEYS[9], stats = KEYS[10], seq = KEYS[11],
          claims = KEYS[12], held = KEYS[13], fireOutbox = KEYS[14]}
        local P = string.sub(K.wait, 1, -5)
        """

    /// Helpers shared by the scripts.
    private static let common = """
        \(declaredKeys)
        local now = tonumber(ARGV[2])
        -- `extra` holds more field/value pairs; an empty value leaves its field out. `known` is the
        -- job's {options, schedule} when the caller has them at hand; else they are read.
        local function emit(kind, id, attempt, detail, class, extra, known)
          local f = {'type', kind, 'job', id, 'attempt', attempt or 0, 'ts', now, 'detail', detail or ''}
          local function put(k, v)
            if v and v ~= '' then
              f[#f + 1] = k
              f[#f + 1] = v
            end
          end
          put('class', class)
          if id ~= '' then
            local meta = known or redis.call('HMGET', P .. 'job:' .. id, 'opts', 'schedule')
            if meta[1] then put('max', string.match(meta[1], '^(%d+)')) end
            put('schedule', meta[2])
          end
          if extra then
            for i = 1, #extra, 2 do put(extra[i], extra[i + 1]) end
          end
          redis.call('XADD', K.events, 'MAXLEN', '~', 10000, '*', unpack(f))
        end
        local function wake()
          if redis.call('LLEN', K.marker) == 0 then redis.call('RPUSH', K.marker, '1') end
        end
        -- One counter per minute and kind (c completed, f failed), expiring after the hour the
        -- stats show; the stats read all 120 with one MGET.
        local function tally(field)
          local key = P .. 'tput:' .. field .. ':' .. math.floor(now / 60000)
          if redis.call('INCR', key) == 1 then redis.call('EXPIRE', key, 3720) end
        end
        -- A job finished for good (`state` completed or failed): its state and finish time, its
        -- set, the running total and this minute's count.
        local function settle(id, state)
          redis.call('HSET', P .. 'job:' .. id, 'state', state, 'finished_at', now)
          redis.call('ZADD', K[state], now, id)
          redis.call('HINCRBY', K.stats, state, 1)
          tally(string.sub(state, 1, 1))
        end
        local function trim(set, keep, maxAge)
          if keep >= 0 then
            -- Trim in small batches: at most 1% over `keep`, one trim per batch of finishes.
            local excess = redis.call('ZCARD', set) - keep
            if excess > 0 and excess >= math.max(1, math.floor(keep / 100)) then
              local ids = redis.call('ZRANGE', set, 0, excess - 1)
              for _, id in ipairs(ids) do redis.call('UNLINK', P .. 'job:' .. id) end
              redis.call('ZREMRANGEBYRANK', set, 0, excess - 1)
            end
          end
          if maxAge > 0 then
            local ids = redis.call('ZRANGEBYSCORE', set, '-inf', now - maxAge, 'LIMIT', 0, 1000)
            for _, id in ipairs(ids) do
              redis.call('UNLINK', P .. 'job:' .. id)
              redis.call('ZREM', set, id)
            end
          end
        end
        local function nextDue()
          local first = redis.call('ZRANGE', K.delayed, 0, 0, 'WITHSCORES')
          if first[2] then return tonumber(first[2]) end
          return -1
        end
        local function promote()
          local due = nextDue()
          if due < 0 or due > now then return end
          due = redis.call('ZRANGEBYSCORE', K.delayed, '-inf', now, 'LIMIT', 0, 1000)
          for _, id in ipairs(due) do
            redis.call('ZREM', K.delayed, id)
            redis.call('LPUSH', K.wait, id)
            redis.call('HSET', P .. 'job:' .. id, 'state', 'waiting')
          end
        end
        local function take(out, count, tokenBase, ttl, worker)
          if count <= 0 or redis.call('EXISTS', K.paused) == 1 then return end
          promote()
          local taken = 0
          for i = 1, count do
            local id = redis.call('RPOP', K.wait)
            if not id then break end
            taken = i
            local jk = P .. 'job:' .. id
            local token = tokenBase .. ':' .. i
            local fields = redis.call('HGETALL', jk)
            local attempt = 1
            local known = {false, false}
            for k = 1, #fields, 2 do
              local field = fields[k]
              if field == 'attempts_made' then attempt = tonumber(fields[k + 1]) + 1
              elseif field == 'opts' then known[1] = fields[k + 1]
              elseif field == 'schedule' then known[2] = fields[k + 1] end
            end
            redis.call('HSET', jk, 'attempts_made', attempt, 'state', 'active', 'token', token, 'started_at', now, 'worker', worker)
            redis.call('ZADD', K.active, now + ttl, id)
            emit('active', id, attempt, '', '', nil, known)
            -- The caller reads the fields as a map: these later pairs override the stale ones.
            for _, v in ipairs({'attempts_made', attempt, 'state', 'active', 'started_at', now, 'worker', worker}) do
              fields[#fields + 1] = v
            end
            out[#out + 1] = id
            out[#out + 1] = token
            out[#out + 1] = fields
          end
          -- Work left behind: make sure some idle fetcher (maybe in another process) wakes for it.
          if taken == count and redis.call('LLEN', K.wait) > 0 then wake() end
        end
        -- The due time of the next delayed job, only worth reading when nothing was taken.
        local function dueIfIdle(out, first)
          if #out > first then return -1 end
          return nextDue()
        end
        -- A job handed to an idle fetcher travels as one string: each part as `<length>:<bytes>`.
        local function pack(parts)
          local s = {}
          for i = 1, #parts do
            local v = tostring(parts[i])
            s[i] = #v .. ':' .. v
          end
          return table.concat(s)
        end
        local function unpackParts(s)
          local parts, i = {}, 1
          while i <= #s do
            local colon = string.find(s, ':', i, true)
            local n = tonumber(string.sub(s, i, colon - 1))
            parts[#parts + 1] = string.sub(s, colon + 1, colon + n)
            i = colon + n + 1
          end
          return parts
        end
        local function finish(id, token)
          local jk = P .. 'job:' .. id
          local cur = redis.call('HMGET', jk, 'token', 'state', 'attempts_made')
          if cur[1] ~= token or cur[2] ~= 'active' then return nil end
          -- The token stays: it is only honoured while the state is active, and a new attempt
          -- replaces it.
          redis.call('ZREM', K.active, id)
          return tonumber(cur[3])
        end
        -- Ends the attempt at job ARGV[3] held with token ARGV[4] with `done(id, attempt)` (nothing
        -- when the lock was lost), then takes up to ARGV[n] jobs (ARGV[n + 1] token base,
        -- ARGV[n + 2] lock ttl ms, ARGV[n + 3] worker). Returns {1 done or 0 lock lost, next due
        -- ms, id, token, fields, ...}.
        local function finishThenTake(done, n)
          local id = ARGV[3]
          local out = {0, 0}
          local attempt = finish(id, ARGV[4])
          if attempt then
            done(id, attempt)
            out[1] = 1
          end
          take(out, tonumber(ARGV[n]), ARGV[n + 1], tonumber(ARGV[n + 2]), ARGV[n + 3])
          out[2] = dueIfIdle(out, 2)
          return out
        end
        -- Hands a held job back to the front of the line, the attempt not counted. True if it was.
        local function putBack(id, token)
          local attempt = finish(id, token)
          if not attempt then return false end
          local jk = P .. 'job:' .. id
          redis.call('HINCRBY', jk, 'attempts_made', -1)
          redis.call('HSET', jk, 'state', 'waiting')
          redis.call('RPUSH', K.wait, id)
          emit('released', id, attempt - 1)
          return true
        end

        """

    /// Adds jobs. A runnable job goes straight to an idle fetcher that offered to take it (see
    /// ``fetch``), already active under a lock, when the queue is neither paused nor behind; else it
    /// joins the line.
    /// ARGV: prefix, now, lock ttl ms, token base, n, then n groups of (id, payload, options,
    /// delay ms, trace id, rerun of, schedule name). Returns id, 1 (new), 2 (new and handed over) or 0 (duplicate)
    /// per job.
    let enqueue = RedisScript(
        common + adding + """
            local adder = newAdder(tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5]))
            local out = {}
            for j = 0, tonumber(ARGV[5]) - 1 do
              local b = 6 + j * 7
              local id, outcome = adder.add(j, ARGV[b], ARGV[b + 1], ARGV[b + 2], tonumber(ARGV[b + 3]), ARGV[b + 4], ARGV[b + 5], ARGV[b + 6])
              out[#out + 1] = id
              out[#out + 1] = outcome
            end
            adder.flush()
            return out
            """)

    /// Claims a scheduler's slots and enqueues the jobs of those claimed, in one step: the fire
    /// ledger of record while PostgreSQL may be away. A slot is claimed when it is later than the
    /// schedule's latest claimed slot (``QueueKeys/fireClaims``, one field per schedule), so each
    /// slot is claimed once however many schedulers try, and a scheduler taking over reads there
    /// where the last one stopped. Every claimed slot's ledger row joins ``QueueKeys/fireOutbox``
    /// in the same step, to be written to PostgreSQL when it answers.
    ///
    /// A slot held behind an unfinished run (overlap policy `queue_one`) is claimed by mode `h`,
    /// which notes it in ``QueueKeys/fireHeld`` and writes no row; mode `r` releases it later: it
    /// succeeds only while the slot is still the schedule's held one, then enqueues it like a claim.
    /// ARGV: prefix, now, lock ttl ms, token base, n, then n groups of (mode `c`, `h` or `r`,
    /// schedule id, slot ms, ledger row (a JSON object, to which the script adds `recorded_at`:
    /// now), job id, payload, options, trace id, schedule name); an empty job id claims without a job (a missed or
    /// skipped slot); last, the most rows the outbox keeps (past it the oldest are dropped). Returns,
    /// per slot, 1 (claimed; its job added or handed over) or 0 (claimed before, or no longer held),
    /// then the outbox's length and how many rows were dropped.
    let fire = RedisScript(
        common + adding + """
            local n = tonumber(ARGV[5])
            local adder = newAdder(tonumber(ARGV[3]), ARGV[4], n)
            local marks = K.claims
            local held = K.held
            local rows = {}
            local out = {}
            for j = 0, n - 1 do
              local b = 6 + j * 9
              local mode, schedule = ARGV[b], ARGV[b + 1]
              local won = false
              -- A schedule moved to another queue is marked `moved:<its last slot here>`, which is
              -- no number: its slots are that queue's now.
              local last = tonumber(redis.call('HGET', marks, schedule) or '-1')
              if mode == 'r' then
                won = last ~= nil and redis.call('HGET', held, schedule) == ARGV[b + 2]
                if won then redis.call('HDEL', held, schedule) end
              elseif last and tonumber(ARGV[b + 2]) > last then
                won = true
                redis.call('HSET', marks, schedule, ARGV[b + 2])
                if mode == 'h' then redis.call('HSET', held, schedule, ARGV[b + 2]) end
              end
              if won and mode ~= 'h' then
                -- The row's JSON, closed here with the instant of the claim.
                rows[#rows + 1] = string.sub(ARGV[b + 3], 1, -2) .. ',"recorded_at":' .. ARGV[2] .. '}'
                if ARGV[b + 4] ~= '' then adder.add(j, ARGV[b + 4], ARGV[b + 5], ARGV[b + 6], 0, ARGV[b + 7], '', ARGV[b + 8]) end
              end
              out[#out + 1] = won and 1 or 0
            end
            local length, dropped = 0, 0
            if #rows > 0 then
              length = redis.call('RPUSH', K.fireOutbox, unpack(rows))
              local bound = tonumber(ARGV[6 + n * 9])
              if length > bound then
                redis.call('LTRIM', K.fireOutbox, -bound, -1)
                dropped = length - bound
                length = bound
              end
            end
            adder.flush()
            out[#out + 1] = length
            out[#out + 1] = dropped
            return out
            """)

    /// Hands a schedule's claims over to another queue (the first half of a move; ``takeOver`` is
    /// the second): from now on this queue claims none of its slots. Its latest claimed slot
    /// becomes `moved:<slot>` (`moved:` when none was claimed), and its held slot is given up.
    /// ARGV: prefix, now, schedule id. Returns {latest claimed slot, held slot}, '' for none.
    let handOff = RedisScript(
        declaredKeys + """

            local s = ARGV[3]
            local cur = redis.call('HGET', K.claims, s) or ''
            local last = string.match(cur, '^moved:(.*)$') or cur
            local held = redis.call('HGET', K.held, s) or ''
            redis.call('HDEL', K.held, s)
            redis.call('HSET', K.claims, s, 'moved:' .. last)
            return {last, held}
            """)

    /// Takes a schedule's claims over from the queue it moves from: its latest claimed slot here
    /// becomes the one it had there (unless a later one is here), a `moved:` mark of an earlier
    /// move away is lifted, and its held slot (if any) is held here. ARGV: prefix, now, schedule
    /// id, latest claimed slot ('' for none), held slot (''). Returns 1.
    let takeOver = RedisScript(
        declaredKeys + """

            local s, last, held = ARGV[3], ARGV[4], ARGV[5]
            local cur = redis.call('HGET', K.claims, s)
            local mine = cur and tonumber(cur)
            if last ~= '' then
              if not mine or mine < tonumber(last) then redis.call('HSET', K.claims, s, last) end
            elseif cur and not mine then
              redis.call('HDEL', K.claims, s)
            end
            if held ~= '' then redis.call('HSET', K.held, s, held) end
            return 1
            """)

    /// Lifts a `moved:` mark, so that this queue claims the schedule's slots again after the
    /// latest it claimed (a move that did not happen). ARGV: prefix, now, schedule id, held slot to
    /// hold again (''). Returns 1 when there was a mark to lift.
    let takeBack = RedisScript(
        declaredKeys + """

            local s = ARGV[3]
            local last = string.match(redis.call('HGET', K.claims, s) or '', '^moved:(.*)$')
            if not last then return 0 end
            if last == '' then redis.call('HDEL', K.claims, s) else redis.call('HSET', K.claims, s, last) end
            if ARGV[4] ~= '' then redis.call('HSET', K.held, s, ARGV[4]) end
            return 1
            """)

    /// Clears the `moved:` marks of schedules (see ``handOff``). ARGV: prefix, now, then schedule
    /// ids. Returns how many were cleared.
    let forgetMoved = RedisScript(
        declaredKeys + """

            local n = 0
            for i = 3, #ARGV do
              if string.sub(redis.call('HGET', K.claims, ARGV[i]) or '', 1, 6) == 'moved:' then
                redis.call('HDEL', K.claims, ARGV[i])
                n = n + 1
              end
            end
            return n
            """)

    /// The body of an enqueue, shared by ``enqueue`` and ``fire``: `newAdder(ttl, token base, n)`
    /// returns `add(j, id, payload, options, delay, trace, rerun of, schedule)` (an empty id is numbered
    /// from `seq`), which returns the id and 1, 2 (handed over) or 0 (duplicate), and `flush()`,
    /// which pushes the runnable ids in one LPUSH and wakes a fetcher.
    private static let adding = """
        local function newAdder(ttl, tokenBase, n)
          local delayed = false
          local seq = nil
          -- Runnable ids, pushed in one LPUSH at the end (in order, as one push each would).
          local ready = {}
          -- Whether an idle fetcher may be there to take a job now: not while paused, nor while
          -- older jobs wait.
          local handing = nil
          local self = {}
          function self.add(j, id, payload, opts, delay, trace, rerunOf, schedule)
            if id == '' then
              -- One INCRBY reserves numbers for the whole call (unused ones are skipped).
              if not seq then seq = redis.call('INCRBY', K.seq, n) - n end
              seq = seq + 1
              id = tostring(seq)
            end
            local jk = P .. 'job:' .. id
            if redis.call('EXISTS', jk) == 1 then return id, 0 end
            local fields = {'payload', payload, 'opts', opts, 'trace_id', trace, 'enqueued_at', now}
            if rerunOf ~= '' then
              fields[#fields + 1] = 'rerun_of'
              fields[#fields + 1] = rerunOf
            end
            if schedule and schedule ~= '' then
              fields[#fields + 1] = 'schedule'
              fields[#fields + 1] = schedule
            end
            local worker = nil
            if delay <= 0 then
              if handing == nil then
                handing = redis.call('LLEN', K.wait) == 0 and redis.call('EXISTS', K.paused) == 0
              end
              if handing then
                -- The offer that lasts longest; if even that one has lapsed, all have.
                local offer = redis.call('ZPOPMAX', K.idle)
                if offer[1] and tonumber(offer[2]) >= now then worker = offer[1] end
                handing = worker ~= nil
              end
            end
            if delay > 0 then
              redis.call('HSET', jk, 'state', 'delayed', unpack(fields))
              redis.call('ZADD', K.delayed, now + delay, id)
              emit('delayed', id, 0, tostring(delay), '', {'delay', tostring(delay)}, {opts, schedule})
              delayed = true
              return id, 1
            elseif worker then
              local token = tokenBase .. ':' .. j
              for _, v in ipairs({'state', 'active', 'attempts_made', 1, 'token', token, 'started_at', now, 'worker', worker}) do
                fields[#fields + 1] = v
              end
              redis.call('HSET', jk, unpack(fields))
              redis.call('ZADD', K.active, now + ttl, id)
              emit('enqueued', id, 0, rerunOf, '', nil, {opts, schedule})
              emit('active', id, 1, '', '', nil, {opts, schedule})
              local inbox = P .. 'inbox:' .. worker
              redis.call('RPUSH', inbox, pack({now + ttl, id, token, unpack(fields)}))
              redis.call('PEXPIRE', inbox, ttl)
              return id, 2
            end
            redis.call('HSET', jk, 'state', 'waiting', unpack(fields))
            ready[#ready + 1] = id
            emit('enqueued', id, 0, rerunOf, '', nil, {opts, schedule})
            return id, 1
          end
          function self.flush()
            if #ready > 0 then redis.call('LPUSH', K.wait, unpack(ready)) end
            if #ready > 0 or delayed then wake() end
          end
          return self
        end

        """

    /// Takes the jobs handed to `worker` since it last looked, then up to `count` in all from the
    /// line. When it took fewer than `count`, it offers, until `offer until` (epoch ms, 0: no offer),
    /// to take the next new job straight from the enqueue, through its inbox.
    /// ARGV: prefix, now, count, token base, lock ttl ms, worker, offer until. Returns {paused,
    /// next due ms, id, token, fields, id, token, fields, ...}.
    let fetch = RedisScript(
        common + """
            local worker = ARGV[6]
            local paused = redis.call('EXISTS', K.paused)
            local out = {paused, 0}
            local count = tonumber(ARGV[3])
            redis.call('ZREM', K.idle, worker)
            local inbox = P .. 'inbox:' .. worker
            local blob = redis.call('LPOP', inbox)
            while blob do
              local parts = unpackParts(blob)
              -- Only while it is still ours: its lock may have expired and another worker taken it.
              local cur = #parts > 2 and redis.call('HMGET', P .. 'job:' .. parts[2], 'token', 'state') or {}
              if cur[1] == parts[3] and cur[2] == 'active' then
                out[#out + 1] = parts[2]
                out[#out + 1] = parts[3]
                out[#out + 1] = {unpack(parts, 4)}
                count = count - 1
              end
              blob = redis.call('LPOP', inbox)
            end
            take(out, count, ARGV[4], tonumber(ARGV[5]), worker)
            local offer = tonumber(ARGV[7])
            if offer > now and paused == 0 and (#out - 2) / 3 < tonumber(ARGV[3]) then
              redis.call('ZADD', K.idle, offer, worker)
            end
            out[2] = dueIfIdle(out, 2)
            return out
            """)

    /// Completes a job and takes the next ones in the same call.
    /// ARGV: prefix, now, id, token, keep, max age ms, count, token base, lock ttl ms, worker, HTTP
    /// status and duration ms of the attempt (each may be empty, or absent).
    /// Returns {1 done or 0 lock lost, next due ms, id, token, fields, ...}.
    let complete = RedisScript(
        common + """
            return finishThenTake(function(id, attempt)
              settle(id, 'completed')
              emit('completed', id, attempt, '', '', {'status', ARGV[11] or '', 'ms', ARGV[12] or ''})
              trim(K.completed, tonumber(ARGV[5]), tonumber(ARGV[6]))
            end, 7)
            """)

    /// Fails an attempt: retries it after `retry delay` ms (or at once when 0), or, when the delay is
    /// -1, fails the job for good. Then takes the next jobs.
    /// ARGV: prefix, now, id, token, error, retry delay ms, keep, max age ms, count, token base,
    /// lock ttl ms, worker, error class (``ExecutionErrorKind`` raw value, or empty), HTTP status and
    /// duration ms of the attempt (each may be empty, or absent). The class is kept on the job
    /// (`last_error_class`) and carried, with the status and duration, by the `failed` or `retrying`
    /// event. Returns {1 done or 0 lock lost, next due ms, id, token, fields, ...}.
    let fail = RedisScript(
        common + """
            return finishThenTake(function(id, attempt)
              local jk = P .. 'job:' .. id
              local delay = tonumber(ARGV[6])
              local class = ARGV[13] or ''
              local report = {'status', ARGV[14] or '', 'ms', ARGV[15] or ''}
              redis.call('HSET', jk, 'last_error', ARGV[5], 'last_error_class', class)
              if delay < 0 then
                settle(id, 'failed')
                emit('failed', id, attempt, ARGV[5], class, report)
                trim(K.failed, tonumber(ARGV[7]), tonumber(ARGV[8]))
              elseif delay == 0 then
                redis.call('HSET', jk, 'state', 'waiting')
                redis.call('LPUSH', K.wait, id)
                report[#report + 1] = 'delay'
                report[#report + 1] = '0'
                emit('retrying', id, attempt, '0', class, report)
                wake()
              else
                redis.call('HSET', jk, 'state', 'delayed')
                redis.call('ZADD', K.delayed, now + delay, id)
                report[#report + 1] = 'delay'
                report[#report + 1] = tostring(delay)
                emit('retrying', id, attempt, tostring(delay), class, report)
                wake()
              end
            end, 9)
            """)

    /// Renews locks. ARGV: prefix, now, ttl ms, then pairs of (id, token). Returns the ids whose lock
    /// was lost.
    let extendLocks = RedisScript(
        common + """
            local ttl = tonumber(ARGV[3])
            local lost = {}
            for i = 4, #ARGV, 2 do
              local id = ARGV[i]
              if redis.call('HGET', P .. 'job:' .. id, 'token') == ARGV[i + 1] then
                redis.call('ZADD', K.active, 'XX', now + ttl, id)
              else
                lost[#lost + 1] = id
              end
            end
            return lost
            """)

    /// Hands held jobs back to the front of the line without counting the attempt (graceful stop).
    /// ARGV: prefix, now, then pairs of (id, token). Returns how many were handed back.
    let release = RedisScript(
        common + """
            local n = 0
            for i = 3, #ARGV, 2 do
              if putBack(ARGV[i], ARGV[i + 1]) then n = n + 1 end
            end
            if n > 0 then wake() end
            return n
            """)

    /// Withdraws an idle fetcher's offer to take jobs handed to it, and hands back to the line the
    /// jobs already in its inbox; then leaves an empty element there, which wakes its `BLPOP`.
    /// ARGV: prefix, now, worker. Returns how many jobs were handed back.
    let retire = RedisScript(
        common + """
            local inbox = P .. 'inbox:' .. ARGV[3]
            redis.call('ZREM', K.idle, ARGV[3])
            local n = 0
            for _, blob in ipairs(redis.call('LRANGE', inbox, 0, -1)) do
              local parts = unpackParts(blob)
              if #parts > 2 and putBack(parts[2], parts[3]) then n = n + 1 end
            end
            redis.call('DEL', inbox)
            redis.call('RPUSH', inbox, '')
            redis.call('PEXPIRE', inbox, 60000)
            if n > 0 then wake() end
            return n
            """)

    /// Returns jobs whose lock expired to the front of the line, or fails them with reason `stalled`
    /// after `max stalls`. ARGV: prefix, now, max stalls, keep failed, max age ms. Returns
    /// {recovered, {ids failed}}.
    let recoverStalled = RedisScript(
        common + """
            local maxStalls = tonumber(ARGV[3])
            local ids = redis.call('ZRANGEBYSCORE', K.active, '-inf', now, 'LIMIT', 0, 1000)
            local recovered, dead = 0, {}
            for _, id in ipairs(ids) do
              local jk = P .. 'job:' .. id
              redis.call('ZREM', K.active, id)
              if redis.call('EXISTS', jk) == 1 then
                redis.call('HDEL', jk, 'token')
                local stalls = redis.call('HINCRBY', jk, 'stalls', 1)
                local attempt = redis.call('HINCRBY', jk, 'attempts_made', -1)
                redis.call('HINCRBY', K.stats, 'stalled', 1)
                if stalls > maxStalls then
                  redis.call('HSET', jk, 'last_error', 'stalled', 'last_error_class', 'abandoned')
                  settle(id, 'failed')
                  emit('failed', id, attempt, 'stalled', 'abandoned')
                  dead[#dead + 1] = id
                else
                  redis.call('HSET', jk, 'state', 'waiting')
                  redis.call('RPUSH', K.wait, id)
                  emit('stalled', id, attempt, tostring(stalls))
                  recovered = recovered + 1
                end
              end
            end
            if recovered > 0 then wake() end
            trim(K.failed, tonumber(ARGV[4]), tonumber(ARGV[5]))
            return {recovered, dead}
            """)

    /// ARGV: prefix, now, 1 to pause or 0 to resume. Returns 1 when the state changed.
    let setPaused = RedisScript(
        common + """
            if ARGV[3] == '1' then
              if redis.call('SET', K.paused, '1', 'NX') then
                emit('paused', '', 0)
                return 1
              end
              return 0
            end
            if redis.call('DEL', K.paused) == 1 then
              emit('resumed', '', 0)
              wake()
              return 1
            end
            return 0
            """)

    /// Operator actions on one job. ARGV: prefix, now, action, id, new id, trace id.
    /// `retry`: a failed job runs again from attempt 1. `rerun`: a finished job is copied into a new
    /// job linked to it. `remove`: the job is deleted from whatever state it is in.
    /// Returns {status, id}: status 1 done, 0 not found, -1 wrong state (with the state as id).
    let operate = RedisScript(
        common + """
            local action, id = ARGV[3], ARGV[4]
            local jk = P .. 'job:' .. id
            local state = redis.call('HGET', jk, 'state')
            if not state then return {0, id} end
            if action == 'retry' then
              if state ~= 'failed' then return {-1, state} end
              redis.call('ZREM', K.failed, id)
              redis.call('HSET', jk, 'state', 'waiting', 'attempts_made', 0, 'stalls', 0)
              redis.call('HDEL', jk, 'finished_at')
              redis.call('LPUSH', K.wait, id)
              emit('enqueued', id, 0, 'retry')
              wake()
              return {1, id}
            elseif action == 'rerun' then
              if state ~= 'completed' and state ~= 'failed' then return {-1, state} end
              local newID = ARGV[5]
              local nk = P .. 'job:' .. newID
              if redis.call('EXISTS', nk) == 1 then return {-1, 'duplicate'} end
              local src = redis.call('HMGET', jk, 'payload', 'opts', 'schedule')
              redis.call('HSET', nk, 'payload', src[1], 'opts', src[2], 'trace_id', ARGV[6], 'rerun_of', id,
                'state', 'waiting', 'enqueued_at', now)
              if src[3] then redis.call('HSET', nk, 'schedule', src[3]) end
              redis.call('LPUSH', K.wait, newID)
              emit('enqueued', newID, 0, 'rerun of ' .. id)
              wake()
              return {1, newID}
            elseif action == 'remove' then
              if state == 'waiting' then redis.call('LREM', K.wait, 0, id)
              else redis.call('ZREM', K[state], id) end
              -- The event first, while the job still tells its schedule and attempts.
              emit('removed', id, 0, state)
              redis.call('UNLINK', jk)
              return {1, id}
            end
            return {-1, 'unknown action'}
            """)

    /// Everything the stats view needs, in one call. ARGV: prefix, now.
    /// Returns {waiting, active, delayed, completed, failed, paused, oldest waiting enqueued_at or -1,
    /// stats hash, {completed, failed} per minute for the last 60 minutes, oldest first}.
    let stats = RedisScript(
        common + """
            local oldest = -1
            local id = redis.call('LINDEX', K.wait, -1)
            if id then oldest = tonumber(redis.call('HGET', P .. 'job:' .. id, 'enqueued_at')) or -1 end
            local minute = math.floor(now / 60000)
            local keys = {}
            for m = minute - 59, minute do
              keys[#keys + 1] = P .. 'tput:c:' .. m
              keys[#keys + 1] = P .. 'tput:f:' .. m
            end
            local counts = redis.call('MGET', unpack(keys))
            local perMinute = {}
            for i = 1, #counts do perMinute[i] = tonumber(counts[i]) or 0 end
            return {redis.call('LLEN', K.wait), redis.call('ZCARD', K.active),
              redis.call('ZCARD', K.delayed), redis.call('ZCARD', K.completed),
              redis.call('ZCARD', K.failed), redis.call('EXISTS', K.paused), oldest,
              redis.call('HGETALL', K.stats), perMinute}
            """)

    /// A page of jobs in one state, newest first (waiting: next to run first). ARGV: prefix, now,
    /// state, offset, limit. Returns {total, id, fields, id, fields, ...}.
    let list = RedisScript(
        common + """
            local state, offset, limit = ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
            local ids, total
            if state == 'waiting' then
              total = redis.call('LLEN', K.wait)
              ids = redis.call('LRANGE', K.wait, -(offset + limit), -(offset + 1))
              local reversed = {}
              for i = #ids, 1, -1 do reversed[#reversed + 1] = ids[i] end
              ids = reversed
            elseif state == 'active' or state == 'delayed' then
              total = redis.call('ZCARD', K[state])
              ids = redis.call('ZRANGE', K[state], offset, offset + limit - 1)
            else
              total = redis.call('ZCARD', K[state])
              ids = redis.call('ZREVRANGE', K[state], offset, offset + limit - 1)
            end
            local out = {total}
            for _, id in ipairs(ids) do
              out[#out + 1] = id
              out[#out + 1] = redis.call('HGETALL', P .. 'job:' .. id)
            end
            return out
            """)
}
