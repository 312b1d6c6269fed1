/// The scheduler's side of the queue: slots claimed and enqueued in one step, with their ledger
/// rows kept in Redis until PostgreSQL has them.
extension JobQueue {
    /// One slot a scheduler claims: the ledger row to keep for it and, for a slot that runs, its job.
    package struct FireClaim: Sendable {
        /// How a slot is claimed.
        package enum Mode: String, Sendable {
            /// Claimed when later than the schedule's latest claimed slot; its row is kept.
            case claim = "c"
            /// Claimed the same way, but held behind an unfinished run: no row, no job yet.
            case hold = "h"
            /// The schedule's held slot, released: its row is kept and its job enqueued.
            case release = "r"
        }

        /// How it is claimed.
        package var mode: Mode
        /// The schedule.
        package var scheduleID: Int64
        /// The slot, epoch milliseconds.
        package var slot: Int64
        /// The ledger row, a JSON object (see `FireLedger.Entry.encoded(quotedInstance:)`), pushed to
        /// ``QueueKeys/fireOutbox`` with the instant of the claim added when the claim succeeds.
        package var row: [UInt8]
        /// The job to enqueue when the claim succeeds; nil for a missed or skipped slot.
        package var job: NewJob?

        /// A claim.
        package init(mode: Mode = .claim, scheduleID: Int64, slot: Int64, row: [UInt8], job: NewJob?) {
            self.mode = mode
            self.scheduleID = scheduleID
            self.slot = slot
            self.row = row
            self.job = job
        }
    }

    /// What a claim did.
    package struct ClaimResult: Sendable, Equatable {
        /// Per claim, whether this call claimed it.
        package var claimed: [Bool]
        /// Ledger rows waiting in ``QueueKeys/fireOutbox`` afterwards (0 when none was added).
        package var outboxLength: Int
        /// The oldest rows dropped to keep the outbox within its bound.
        package var dropped: Int
    }

    /// Claims `claims` and enqueues the jobs of those this call claimed, atomically per call of up
    /// to ``claimChunk`` slots (calls sent back to back on one connection, in order). A slot is
    /// claimed when it is later than its schedule's latest claimed slot, so a schedule's slots must
    /// come in time order. The ledger rows of the claimed slots join the outbox, which keeps at most
    /// `outboxBound` rows (the oldest are dropped past it).
    package func claim(_ claims: [FireClaim], outboxBound: Int = 1_000_000) async throws(QueueError) -> ClaimResult {
        if claims.isEmpty { return ClaimResult(claimed: [], outboxLength: 0, dropped: 0) }
        for claim in claims { if let id = claim.job?.id { try Self.validate(id: id) } }
        let chunks = stride(from: 0, to: claims.count, by: Self.claimChunk).map { $0..<min($0 + Self.claimChunk, claims.count) }
        let now = clock.nowMilliseconds()
        let tokenBase = Self.tokenBase()
        func arguments(_ index: Int) -> [any RedisArgument] {
            let chunk = claims[chunks[index]]
            var arguments: [any RedisArgument] = [keys.prefix, now, options.lockDuration.milliseconds, tokenBase, chunk.count]
            arguments.reserveCapacity(5 + chunk.count * 9)
            var options = (JobOptions?.none, "")
            for claim in chunk {
                arguments += [claim.mode.rawValue, claim.scheduleID, claim.slot, claim.row]
                guard let job = claim.job else {
                    arguments += ["", "", "", "", ""]
                    continue
                }
                if options.0 != job.options { options = (job.options, job.options.stored) }
                arguments += [job.id ?? "", job.payload, options.1, job.traceID, job.schedule ?? ""]
            }
            arguments.append(max(1, outboxBound))
            return arguments
        }
        let replies: [RedisValue]
        do {
            replies = try await redis.runEach(Self.scripts.fire, keys: scriptKeys, count: chunks.count, arguments: arguments)
        } catch {
            throw QueueError(error)
        }
        var result = ClaimResult(claimed: [], outboxLength: 0, dropped: 0)
        result.claimed.reserveCapacity(claims.count)
        for reply in replies {
            let values = reply.array ?? []
            guard values.count >= 2 else { throw QueueError(.redis, "a claim returned \(reply)") }
            for value in values.dropLast(2) { result.claimed.append(value.int == 1) }
            let length = values[values.count - 2].int ?? 0
            if length > 0 { result.outboxLength = length }
            result.dropped += values[values.count - 1].int ?? 0
        }
        guard result.claimed.count == claims.count else {
            throw QueueError(.redis, "claimed \(result.claimed.count) answers for \(claims.count) slots")
        }
        return result
    }

    /// Slots per claim call.
    static let claimChunk = 250

    /// What Redis holds of some schedules' claims in this queue.
    package struct ClaimMarks: Sendable, Equatable {
        /// The latest slot claimed, per schedule.
        package var latest: [Int64: Int64] = [:]
        /// The schedules moved from this queue to another (``handOff(_:)``), with the latest slot
        /// claimed here before the move (nil: none): this queue claims none of their slots.
        package var movedAway: [Int64: Int64?] = [:]
    }

    /// The latest slot claimed for each of `scheduleIDs` (absent: none claimed, or moved away).
    package func claimedSlots(_ scheduleIDs: [Int64]) async throws(QueueError) -> [Int64: Int64] {
        try await claimMarks(scheduleIDs).latest
    }

    /// The claims of `scheduleIDs` here: latest slots, and which schedules moved away.
    package func claimMarks(_ scheduleIDs: [Int64]) async throws(QueueError) -> ClaimMarks {
        var marks = ClaimMarks()
        for (id, value) in try await hashValues(keys.fireClaims, scheduleIDs) {
            if let slot = Int64(value) {
                marks.latest[id] = slot
            } else if value.hasPrefix(Self.movedMark) {
                marks.movedAway[id] = Int64(value.dropFirst(Self.movedMark.count))
            }
        }
        return marks
    }

    /// How a schedule's claims read once it moved to another queue: `moved:<latest slot>`.
    static let movedMark = "moved:"

    /// A schedule's claims, handed from one queue to another in a move.
    package struct Handover: Sendable, Equatable {
        /// The latest slot the old queue claimed (nil: none).
        package var latest: Int64?
        /// The slot it held behind an unfinished run (nil: none).
        package var held: Int64?
    }

    /// The first half of moving schedule `scheduleID` to another queue: this queue claims none of
    /// its slots from now on. Returns what the other queue takes over (``takeOver(_:from:)``).
    package func handOff(_ scheduleID: Int64) async throws(QueueError) -> Handover {
        let reply = try await run(Self.scripts.handOff, [keys.prefix, clock.nowMilliseconds(), scheduleID])
        let parts = reply.array?.map { $0.string.flatMap { Int64($0) } } ?? []
        guard parts.count == 2 else { throw QueueError(.redis, "a hand-off returned \(reply)") }
        return Handover(latest: parts[0], held: parts[1])
    }

    /// The second half of a move: this queue claims schedule `scheduleID`'s slots after the latest
    /// the old queue claimed, and holds its held slot.
    package func takeOver(_ scheduleID: Int64, from handover: Handover) async throws(QueueError) {
        let latest = handover.latest.map(String.init) ?? ""
        let held = handover.held.map(String.init) ?? ""
        _ = try await run(Self.scripts.takeOver, [keys.prefix, clock.nowMilliseconds(), scheduleID, latest, held])
    }

    /// Undoes ``handOff(_:)`` for a move that did not happen: this queue claims schedule
    /// `scheduleID`'s slots again after the latest it claimed (and holds `held` again). Returns
    /// whether the schedule was marked moved away.
    @discardableResult
    package func takeBack(_ scheduleID: Int64, held: Int64? = nil) async throws(QueueError) -> Bool {
        let reply = try await run(Self.scripts.takeBack, [keys.prefix, clock.nowMilliseconds(), scheduleID, held.map(String.init) ?? ""])
        return reply.int == 1
    }

    /// Clears the moved-away marks of `scheduleIDs` (those that moved back since keep their claims).
    /// Once this queue's scheduler has dropped a schedule that moved away, the mark has done its
    /// work: it only kept the slots from being claimed here before the move was heard.
    package func forgetMoved(_ scheduleIDs: [Int64]) async throws(QueueError) {
        if scheduleIDs.isEmpty { return }
        _ = try await run(Self.scripts.forgetMoved, [keys.prefix, clock.nowMilliseconds()] + scheduleIDs.map { $0 as any RedisArgument })
    }

    /// The values the hash `key` holds for `ids`.
    private func hashValues(_ key: String, _ ids: [Int64]) async throws(QueueError) -> [Int64: String] {
        var values: [Int64: String] = [:]
        for start in stride(from: 0, to: ids.count, by: 5_000) {
            let chunk = Array(ids[start..<min(start + 5_000, ids.count)])
            let reply = try await send(RedisCommand("HMGET", [key] + chunk.map(String.init)))
            for (id, value) in zip(chunk, reply.array ?? []) {
                if let value = value.string { values[id] = value }
            }
        }
        return values
    }

    /// The slot held for each of `scheduleIDs` (absent: none held).
    package func heldSlots(_ scheduleIDs: [Int64]) async throws(QueueError) -> [Int64: Int64] {
        try await hashValues(keys.fireHeld, scheduleIDs).compactMapValues { Int64($0) }
    }

    /// The jobs among `jobIDs` that are unfinished (waiting, delayed or active): the overlap
    /// policies ask about a schedule's previous job.
    package func unfinished(_ jobIDs: [String]) async throws(QueueError) -> Set<String> {
        let replies = try await pipeline(jobIDs.map { RedisCommand("HGET", keys.job($0), "state") })
        var running = Set<String>()
        for (id, reply) in zip(jobIDs, replies) {
            switch reply.string.flatMap(JobState.init(rawValue:)) {
            case .waiting?, .delayed?, .active?: running.insert(id)
            default: break
            }
        }
        return running
    }

    /// The list of fire ledger rows claimed here and not yet written to PostgreSQL
    /// (``QueueKeys/fireOutbox``), holding at most `maxLength` rows.
    package func fireOutbox(maxLength: Int) -> BoundedRedisList {
        BoundedRedisList(redis: redis, key: keys.fireOutbox, maxLength: maxLength)
    }

    /// Forgets the claims of deleted schedules.
    package func forgetClaims(_ scheduleIDs: [Int64]) async throws(QueueError) {
        if scheduleIDs.isEmpty { return }
        let fields = scheduleIDs.map(String.init)
        try await send(RedisCommand("HDEL", [keys.fireClaims] + fields))
        try await send(RedisCommand("HDEL", [keys.fireHeld] + fields))
    }
}
