/// Firing: take what is due from the heap a little ahead of time (``SchedulerOptions/prepareAhead``),
/// plan it, record it in the ledger in one statement; at the instant, enqueue what this scheduler
/// inserted, and note that the queue has it.
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

    struct SlotKey: Hashable {
        var scheduleID: Int64
        var slot: Int64
    }

    /// Jobs recorded in the ledger ahead of their slot, to enqueue at it.
    struct Pending {
        var due: Int64
        var jobs: [NewJob]
        var fireIDs: [Int64]
    }

    /// Plans and records every slot due within ``SchedulerOptions/prepareAhead`` from now; those
    /// already due are enqueued at once, the others at their instant (``enqueueDue()``).
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
    /// say, none: the enqueue that follows fails the same way and the reconciler retries it.
    func unfinishedJobs(_ jobIDs: [String]) async -> Set<String> {
        if jobIDs.isEmpty { return [] }
        let queue = scheduler.queue
        do {
            let replies = try await queue.redis.pipeline(jobIDs.map { RedisCommand("HGET", queue.keys.job($0), "state") })
            var running = Set<String>()
            for (id, reply) in zip(jobIDs, replies) {
                switch reply.string.flatMap(JobState.init(rawValue:)) {
                case .waiting?, .delayed?, .active?: running.insert(id)
                default: break
                }
            }
            return running
        } catch {
            scheduler.logger.warning("cannot read the state of previous jobs: \(error)", metadata: ["event": "scheduler.redis_error"])
            return []
        }
    }

    /// Carries out `plans`: one ledger statement for every slot, then one enqueue for the slots
    /// this call inserted, then one update noting the queue has them. If the ledger cannot be
    /// written, nothing changes and the schedules are tried again in a second (their slots then
    /// late, so their missed-fire policies apply).
    func execute(_ plans: [Plan], now: Int64) async {
        var entries: [FireLedger.Entry] = []
        var traces: [SlotKey: String] = [:]
        for plan in plans {
            for decision in plan.decisions {
                switch decision.outcome {
                case .enqueue:
                    let trace = TraceID.random()
                    traces[SlotKey(scheduleID: plan.scheduleID, slot: decision.slot)] = trace
                    entries.append(
                        FireLedger.Entry(
                            scheduleID: plan.scheduleID, scheduledFor: decision.slot, status: .enqueued, reason: decision.reason, traceID: trace))
                case .miss:
                    entries.append(FireLedger.Entry(scheduleID: plan.scheduleID, scheduledFor: decision.slot, status: .missed))
                case .skip:
                    entries.append(
                        FireLedger.Entry(scheduleID: plan.scheduleID, scheduledFor: decision.slot, status: .skipped, reason: decision.reason))
                case .hold:
                    break
                }
            }
        }
        var inserted: [FireLedger.Inserted] = []
        if !entries.isEmpty {
            do {
                inserted = try await scheduler.ledger.record(entries, instance: options.instanceID, at: now)
            } catch {
                scheduler.logger.error("cannot record fires in the ledger: \(error)", metadata: ["event": "scheduler.ledger_error"])
                for plan in plans { retry(plan.scheduleID, at: now + 1_000) }
                return
            }
        }
        for plan in plans { commit(plan) }
        let (missed, skipped) = (counters.missed, counters.skipped)
        for entry in entries {
            switch entry.status {
            case .enqueued: break
            case .missed: counters.missed += 1
            case .skipped: counters.skipped += 1
            }
        }
        if counters.missed > missed { options.metrics.firesMissed(counters.missed - missed) }
        if counters.skipped > skipped { options.metrics.firesSkipped(counters.skipped - skipped) }
        if inserted.isEmpty { return }
        var byInstant: [Int64: Pending] = [:]
        for row in inserted {
            guard let trace = traces[SlotKey(scheduleID: row.scheduleID, slot: row.scheduledFor)], let job = job(for: row, traceID: trace) else {
                continue
            }
            let due = max(row.scheduledFor, now)
            byInstant[due, default: Pending(due: due, jobs: [], fireIDs: [])].jobs.append(job)
            byInstant[due]?.fireIDs.append(row.id)
        }
        pending += byInstant.values
        pending.sort { $0.due < $1.due }
        await enqueueDue()
    }

    /// Enqueues the recorded jobs whose slot has come, then notes in the ledger that the queue has
    /// them. A large instant goes in chunks sent side by side, so the first jobs are in the queue
    /// while the later ones are still being written. Jobs the queue cannot take stay unmarked, and
    /// the reconciler enqueues them later.
    func enqueueDue() async {
        let queue = scheduler.queue
        let ledger = scheduler.ledger
        let clock = scheduler.clock
        let logger = scheduler.logger
        while let first = pending.first, first.due <= clock.nowMilliseconds() {
            pending.removeFirst()
            let chunk = Self.enqueueChunk
            let enqueued = await withTaskGroup(of: Int.self) { group in
                for start in stride(from: 0, to: first.jobs.count, by: chunk) {
                    let end = min(start + chunk, first.jobs.count)
                    let jobs = Array(first.jobs[start..<end])
                    let ids = Array(first.fireIDs[start..<end])
                    group.addTask {
                        do {
                            try await queue.enqueue(jobs)
                        } catch {
                            logger.error(
                                "cannot enqueue \(jobs.count) fires; the reconciler will: \(error)", metadata: ["event": "scheduler.enqueue_error"])
                            return 0
                        }
                        do {
                            try await ledger.markEnqueued(ids, at: clock.nowMilliseconds())
                        } catch {
                            logger.warning(
                                "cannot mark fires as enqueued; the reconciler will: \(error)", metadata: ["event": "scheduler.ledger_error"])
                        }
                        return jobs.count
                    }
                }
                return await group.reduce(0, +)
            }
            counters.enqueued += enqueued
            options.metrics.fired(lag: .milliseconds(clock.nowMilliseconds() - first.due), count: enqueued)
        }
    }

    /// Jobs per enqueue call when an instant has many.
    static let enqueueChunk = 250

    /// The queue job of an inserted ledger row, its payload prepared once per schedule version.
    func job(for row: FireLedger.Inserted, traceID: String) -> NewJob? {
        guard let schedule = live[row.scheduleID] else { return nil }
        let payload: FirePayload
        if let prepared = schedule.payload {
            payload = prepared
        } else {
            payload = FirePayload(schedule: schedule.schedule)
            schedule.payload = payload
        }
        return NewJob(
            id: HTTPJob.jobID(scheduleID: row.scheduleID, scheduledFor: row.scheduledFor),
            payload: payload.bytes(fireID: row.id, scheduledFor: row.scheduledFor),
            options: schedule.schedule.jobOptions, traceID: traceID)
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

    /// Tries a schedule again at `instant`.
    private func retry(_ id: Int64, at instant: Int64) {
        guard let schedule = live[id] else { return }
        schedule.nextDue = instant
        heap.insert(FireHeap.Entry(due: instant, scheduleID: id, version: schedule.version))
    }

    /// Finished jobs: count them for the automatic pause, and release slots held behind them.
    func handleFinished(_ finished: [(jobID: String, scheduleID: Int64, failed: Bool)]) async {
        let now = clock.nowMilliseconds()
        var releases: [Plan] = []
        for (jobID, id, failed) in finished {
            guard let schedule = live[id] else { continue }
            if schedule.schedule.definition.pauseAfterFailures != nil {
                await count(jobID: jobID, schedule: schedule.schedule, failed: failed)
                if live[id] == nil { continue }
            }
            if schedule.planner.held != nil, schedule.lastJobID == jobID {
                var state = schedule.planner
                let decisions = FirePlanner.plan(slots: [], now: now, previousRunning: false, state: &state, policy: policy(schedule))
                releases.append(Plan(scheduleID: id, decisions: decisions, state: state, handledThrough: nil))
            }
        }
        if !releases.isEmpty { await execute(releases, now: now) }
    }

    /// Counts one finished job of `schedule`; pauses the schedule (and audits it) when that makes too
    /// many failures in a row.
    private func count(jobID: String, schedule: Schedule, failed: Bool) async {
        do throws(ScheduleError) {
            guard let paused = try await scheduler.store.countOutcome(scheduleID: schedule.id, failed: failed) else { return }
            live.removeValue(forKey: schedule.id)
            counters.autoPaused += 1
            scheduler.logger.notice(
                "paused schedule \(schedule.id) after \(paused.consecutiveFailures) failed jobs in a row",
                metadata: ["event": "scheduler.auto_pause", "schedule.id": .stringConvertible(schedule.id), "job.id": .string(jobID)])
            let entry = AuditEntry(
                actor: "scheduler", interface: .scheduler, action: "schedule.auto_pause", target: ScheduleService.target(paused),
                details: ["consecutive_failures": String(paused.consecutiveFailures), "last_job": jobID, "instance": options.instanceID])
            do {
                try await scheduler.audit.record(entry)
            } catch {
                scheduler.logger.error("cannot audit an automatic pause: \(error)", metadata: ["event": "scheduler.audit_error"])
            }
        } catch {
            scheduler.logger.warning("cannot count a finished job: \(error)", metadata: ["event": "scheduler.count_error"])
        }
    }
}
