/// Firing: take what is due from the heap a little ahead of time (``SchedulerOptions/prepareAhead``)
/// and plan it; at the instant, claim the slots and enqueue their jobs in Redis in one step
/// (``JobQueue/claim(_:)``). The ledger rows wait in Redis until the scheduler's ledger task writes
/// them to PostgreSQL, so a fire never waits on the database.
extension SchedulerCore {
    /// The decisions for one schedule, and its planner state once they are carried out.
    struct Plan {
        var scheduleID: Int64
        var decisions: [FirePlanner.Decision]
        var state: FirePlanner.State
        /// Every slot up to this instant is dealt with: the schedule's next slot comes after it.
        /// Nil for a plan that only releases a held slot (the schedule's next slot stands).
        var handledThrough: Int64?
    }

    /// Slots to claim at one instant, with the status each gets (nil for a slot held).
    struct Pending {
        var due: Int64
        var claims: [JobQueue.FireClaim]
        var statuses: [FireStatus?]
    }

    /// Plans every slot due within ``SchedulerOptions/prepareAhead`` from now; those already due
    /// are claimed at once, the others at their instant (``claimDue()``).
    func fireDue() async {
        let now = clock.nowMilliseconds()
        let horizon = now + options.prepareAhead.milliseconds
        var due: [Int64] = []
        while let top = heap.first, top.due <= horizon {
            _ = heap.removeFirst()
            guard let schedule = live[top.scheduleID], schedule.version == top.version, schedule.nextDue == top.due else { continue }
            due.append(top.scheduleID)
        }
        if due.isEmpty { return }
        let watched = due.compactMap { id -> String? in
            guard let schedule = live[id], schedule.policy.overlap != .allow else { return nil }
            return schedule.lastJobID
        }
        let running = await unfinishedJobs(watched)
        var plans: [Plan] = []
        plans.reserveCapacity(due.count)
        let window = options.catchUpWindow.milliseconds
        for id in due {
            guard let schedule = live[id] else { continue }
            let slots = schedule.dueSlots(now: horizon, window: window + horizon - now, limit: options.maxMissedSlots)
            var state = schedule.planner
            let previousRunning = schedule.lastJobID.map(running.contains) ?? false
            let decisions = FirePlanner.plan(slots: slots, now: now, previousRunning: previousRunning, state: &state, policy: policy(schedule))
            plans.append(Plan(scheduleID: id, decisions: decisions, state: state, handledThrough: horizon))
        }
        await execute(plans, now: now)
    }

    /// The jobs among `jobIDs` that are unfinished (waiting, delayed or active). When Redis cannot
    /// say, none: the claim that follows fails the same way and is tried again.
    func unfinishedJobs(_ jobIDs: [String]) async -> Set<String> {
        if jobIDs.isEmpty { return [] }
        do {
            return try await scheduler.queue.unfinished(jobIDs)
        } catch {
            if quiet.allow("overlap", now: clock.nowMilliseconds()).allowed {
                scheduler.logger.warning("cannot read the state of previous jobs: \(error)", metadata: ["event": "scheduler.redis_error"])
            }
            return []
        }
    }

    /// Carries out `plans`: each schedule moves on at once, and its slots join ``pending`` to be
    /// claimed at their instant (at once for those already due).
    func execute(_ plans: [Plan], now: Int64) async {
        var byInstant: [Int64: Pending] = [:]
        let instance = quotedInstance
        for plan in plans {
            guard let schedule = live[plan.scheduleID] else { continue }
            for decision in plan.decisions {
                var status: FireStatus?
                var mode = JobQueue.FireClaim.Mode.claim
                var job: NewJob?
                var trace: String?
                switch decision.outcome {
                case .enqueue:
                    let traceID = TraceID.random()
                    status = .enqueued
                    trace = traceID
                    job = self.job(for: schedule, slot: decision.slot, traceID: traceID)
                    if decision.reason == .held { mode = .release }
                case .miss: status = .missed
                case .skip: status = .skipped
                case .hold: mode = .hold
                }
                // Every slot is claimed at its time, in order: a schedule's claims must come in
                // slot order (see ``JobQueue/claim(_:)``).
                let due = max(decision.slot, now)
                let row =
                    status.map {
                        FireLedger.Entry(
                            scheduleID: plan.scheduleID, scheduledFor: decision.slot, status: $0, reason: decision.reason, traceID: trace
                        )
                        .encoded(quotedInstance: instance)
                    } ?? []
                let claim = JobQueue.FireClaim(mode: mode, scheduleID: plan.scheduleID, slot: decision.slot, row: row, job: job)
                byInstant[due, default: Pending(due: due, claims: [], statuses: [])].claims.append(claim)
                byInstant[due]?.statuses.append(status)
            }
            commit(plan)
        }
        if byInstant.isEmpty { return }
        pending += byInstant.values
        pending.sort { $0.due < $1.due }
        await claimDue()
    }

    /// The scheduler's instance id as a JSON string, for the ledger rows.
    private var quotedInstance: String { JSONText.string(options.instanceID) }

    /// Claims the slots whose instant has come, in order. When Redis does not take them, they wait
    /// (in order) and are tried again every half second; slots older than the catch-up window are
    /// given up then, as a scheduler starting anew would.
    func claimDue() async {
        guard !pending.isEmpty, clock.nowMilliseconds() >= claimRetryAt else { return }
        var claimedAny = false
        while let first = pending.first, first.due <= clock.nowMilliseconds() {
            let claimed: [Bool]
            do {
                let result = try await scheduler.queue.claim(first.claims, outboxBound: options.fireOutboxMaxRows)
                claimed = result.claimed
                if result.outboxLength > 0 { scheduler.fireOutboxMonitor.observe(size: result.outboxLength, dropped: result.dropped) }
            } catch {
                let now = clock.nowMilliseconds()
                claimRetryAt = now + 500
                let horizon = now - options.catchUpWindow.milliseconds
                let stale = pending.prefix { $0.due < horizon }.reduce(0) { $0 + $1.claims.count }
                if stale > 0 {
                    pending.removeFirst(pending.prefix { $0.due < horizon }.count)
                    scheduler.logger.error(
                        "gave up \(stale) slots that Redis did not take within the catch-up window",
                        metadata: ["event": "scheduler.claim_expired"])
                }
                let (allowed, held) = quiet.allow("claim", now: now)
                if allowed {
                    let more = held > 0 ? " (\(held) more tries failed)" : ""
                    scheduler.logger.warning(
                        "cannot claim \(first.claims.count) slots in Redis; trying again\(more): \(error)",
                        metadata: ["event": "scheduler.claim_error"])
                }
                break
            }
            pending.removeFirst()
            quiet.reset("claim")
            claimedAny = true
            tally(first, claimed)
        }
        if claimedAny { scheduler.ledgerWakeup.wake() }
    }

    /// Counts the slots `claimed` of `pending`, in the status and per schedule.
    private func tally(_ pending: Pending, _ claimed: [Bool]) {
        let lag = Duration.milliseconds(clock.nowMilliseconds() - pending.due)
        var bySchedule: [Int64: (enqueued: Int, missed: Int, skipped: Int)] = [:]
        for ((status, won), claim) in zip(zip(pending.statuses, claimed), pending.claims) where won {
            switch status {
            case .enqueued?: bySchedule[claim.scheduleID, default: (0, 0, 0)].enqueued += 1
            case .missed?: bySchedule[claim.scheduleID, default: (0, 0, 0)].missed += 1
            case .skipped?: bySchedule[claim.scheduleID, default: (0, 0, 0)].skipped += 1
            case nil: break
            }
        }
        let queue = scheduler.queue.name
        for (id, counts) in bySchedule {
            let name = live[id]?.schedule.name ?? String(id)
            counters.enqueued += counts.enqueued
            counters.missed += counts.missed
            counters.skipped += counts.skipped
            if counts.enqueued > 0 { options.metrics.fired(schedule: name, queue: queue, lag: lag, count: counts.enqueued) }
            if counts.missed > 0 { options.metrics.firesMissed(schedule: name, queue: queue, counts.missed) }
            if counts.skipped > 0 { options.metrics.firesSkipped(schedule: name, queue: queue, counts.skipped) }
        }
    }

    /// The queue job of `schedule`'s slot, its payload prepared once per schedule version.
    func job(for schedule: LiveSchedule, slot: Int64, traceID: String) -> NewJob {
        let payload: FirePayload
        if let prepared = schedule.payload {
            payload = prepared
        } else {
            payload = FirePayload(schedule: schedule.schedule)
            schedule.payload = payload
        }
        return NewJob(
            id: HTTPJob.jobID(scheduleID: schedule.schedule.id, scheduledFor: slot), payload: payload.bytes(scheduledFor: slot),
            options: schedule.schedule.jobOptions, traceID: traceID, schedule: schedule.schedule.name)
    }

    /// Applies a carried-out plan to its schedule and queues its next slot.
    private func commit(_ plan: Plan) {
        guard let schedule = live[plan.scheduleID] else { return }
        schedule.planner = plan.state
        if let enqueued = plan.decisions.last(where: { $0.outcome == .enqueue }) {
            schedule.lastJobID = HTTPJob.jobID(scheduleID: plan.scheduleID, scheduledFor: enqueued.slot)
        }
        if let through = plan.handledThrough {
            schedule.lastHandled = max(schedule.lastHandled, through)
            schedule.nextDue = schedule.nextSlot(after: schedule.lastHandled)
            if let due = schedule.nextDue { heap.insert(FireHeap.Entry(due: due, scheduleID: plan.scheduleID, version: schedule.version)) }
        }
    }

    /// Finished jobs: count those of schedules that pause after failures (on the store task), and
    /// release slots held behind them.
    func handleFinished(_ finished: [(jobID: String, scheduleID: Int64, failed: Bool)]) async {
        let now = clock.nowMilliseconds()
        var releases: [Plan] = []
        for (jobID, id, failed) in finished {
            guard let schedule = live[id] else { continue }
            if schedule.schedule.definition.pauseAfterFailures != nil { finishedToCount.append((jobID, id, failed)) }
            if schedule.planner.held != nil, schedule.lastJobID == jobID {
                var state = schedule.planner
                let decisions = FirePlanner.plan(slots: [], now: now, previousRunning: false, state: &state, policy: policy(schedule))
                releases.append(Plan(scheduleID: id, decisions: decisions, state: state, handledThrough: nil))
            }
        }
        if !releases.isEmpty { await execute(releases, now: now) }
    }
}
