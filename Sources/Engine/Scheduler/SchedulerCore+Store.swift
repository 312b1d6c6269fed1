/// The store task: every PostgreSQL errand of a leading scheduler after its load (reading changed
/// schedules, the periodic resync, counting failures for the automatic pause, writing the snapshot
/// of the schedules to Redis) runs on a task of its own, one errand at a time, and its outcome
/// comes back through the inbox. The firing loop never waits on PostgreSQL, so a database that is
/// slow, down or hung delays no fire.
extension SchedulerCore {
    /// What an errand found.
    enum StoreOutcome: Sendable {
        /// The schedules `ids` as they are now (absent ones were deleted), with the marks of each.
        /// `movedOut`: those of `ids` that name another queue now.
        case reloaded(ids: Set<Int64>, schedules: [Schedule], marks: [Int64: FireLedger.Marks], movedOut: Set<Int64>)
        /// Every enabled schedule's change time.
        case versions([Int64: Int64])
        /// These schedules were paused for failing too often.
        case paused([Int64])
        /// The errand failed; `retry` says what to ask again.
        case failed(retry: Retry, error: String)
        /// Done, nothing to apply.
        case done
    }

    /// What a failed errand leaves to do.
    enum Retry: Sendable {
        case resync
        case snapshot
        case nothing
    }

    /// Hands the next errand to the store task, if it is idle: changed schedules first, then the
    /// moved-away marks to clear, failure counts, the snapshot, and the resync (at a quiet moment, or once it waited too long).
    func startStoreErrand() {
        guard isLeader, !needsLoad, !storeBusy else { return }
        let scheduler = self.scheduler
        let errand: @Sendable () async -> StoreOutcome
        let now = clock.nowMilliseconds()
        if !changed.isEmpty {
            let ids = changed
            changed = []
            errand = { await Self.reread(ids, scheduler) }
        } else if !movedToForget.isEmpty {
            let ids = movedToForget
            movedToForget = []
            errand = {
                do {
                    try await scheduler.queue.forgetMoved(Array(ids))
                    return .done
                } catch {
                    return .failed(retry: .nothing, error: "cannot clear the moved-away marks of \(ids.count) schedules: \(error)")
                }
            }
        } else if !finishedToCount.isEmpty {
            let finished = finishedToCount
            finishedToCount = []
            errand = { await Self.count(finished, scheduler) }
        } else if snapshotStale {
            snapshotStale = false
            let schedules = live.values.map(\.schedule)
            errand = {
                do {
                    try await scheduler.snapshot.replace(with: schedules)
                    return .done
                } catch {
                    return .failed(retry: .snapshot, error: "cannot write the snapshot of the schedules to Redis: \(error)")
                }
            }
        } else if resyncRequested || now >= nextResync, isQuiet(now: now) || now >= nextResync + Self.longestDeferral {
            resyncRequested = false
            nextResync = now + options.resyncInterval.milliseconds
            errand = {
                do {
                    return .versions(try await scheduler.store.enabledVersions(in: scheduler.options.scope))
                } catch {
                    return .failed(retry: .resync, error: "cannot resync the schedules: \(error)")
                }
            }
        } else {
            return
        }
        storeBusy = true
        Task { scheduler.inbox.post(.stored(await errand())) }
    }

    /// Applies what an errand found (ignored once this scheduler no longer leads).
    func apply(_ outcome: StoreOutcome) {
        guard isLeader, !needsLoad else { return }
        let now = clock.nowMilliseconds()
        switch outcome {
        case .reloaded(let ids, let schedules, let marks, let movedOut):
            quiet.reset("store")
            replace(ids, with: schedules, marks: marks)
            // Dropped now, so their moved-away marks have done their work (see `forgetMoved`).
            movedToForget.formUnion(movedOut)
        case .versions(let versions):
            quiet.reset("store")
            for (id, updatedAt) in versions where live[id]?.schedule.updatedAt != updatedAt { changed.insert(id) }
            for id in live.keys where versions[id] == nil { changed.insert(id) }
        case .paused(let ids):
            for id in ids where drop(id) { counters.autoPaused += 1 }
        case .failed(let retry, let error):
            switch retry {
            case .resync: nextResync = min(nextResync, now + 1_000)
            case .snapshot: snapshotStale = true
            case .nothing: break
            }
            let (allowed, held) = quiet.allow("store", now: now)
            if allowed {
                let more = held > 0 ? " (and \(held) more failures)" : ""
                scheduler.logger.warning("\(error)\(more)", metadata: ["event": "scheduler.store_error"])
            }
        case .done:
            break
        }
    }

    /// Puts the fresh copies of `ids` in memory: changed ones replaced (keeping what was fired),
    /// new ones added, paused and deleted ones dropped.
    private func replace(_ ids: Set<Int64>, with schedules: [Schedule], marks: [Int64: FireLedger.Marks]) {
        var byID: [Int64: Schedule] = [:]
        for schedule in schedules { byID[schedule.id] = schedule }
        for id in ids {
            guard let schedule = byID[id], schedule.definition.enabled, let cron = cron(for: schedule) else {
                drop(id)
                continue
            }
            guard let existing = live[id] else {
                install(LiveSchedule(schedule: schedule, cron: cron, marks: marks[id]))
                continue
            }
            if existing.schedule == schedule { continue }
            if existing.schedule.name != schedule.name { options.metrics.forgetSchedule(existing.schedule.name, queue: scheduler.queue.name) }
            let replacement = LiveSchedule(schedule: schedule, cron: cron, marks: nil)
            replacement.lastHandled = max(existing.lastHandled, schedule.activeSince)
            replacement.planner = existing.planner
            replacement.lastJobID = existing.lastJobID
            replacement.nextDue = replacement.nextSlot(after: replacement.lastHandled)
            install(replacement)
        }
    }

    /// Stops firing schedule `id` and drops its metric series; false when it was not firing. Its
    /// slots planned ahead (``SchedulerOptions/prepareAhead``) whose instant has not come are given
    /// up too: a paused, deleted or moved schedule fires nothing after the change is heard. Slots
    /// already due (waiting for Redis) still go.
    @discardableResult
    func drop(_ id: Int64) -> Bool {
        guard let removed = live.removeValue(forKey: id) else { return false }
        options.metrics.forgetSchedule(removed.schedule.name, queue: scheduler.queue.name)
        let now = clock.nowMilliseconds()
        for index in pending.indices where pending[index].due > now {
            let kept = pending[index].claims.indices.filter { pending[index].claims[$0].scheduleID != id }
            guard kept.count < pending[index].claims.count else { continue }
            pending[index].claims = kept.map { pending[index].claims[$0] }
            pending[index].statuses = kept.map { pending[index].statuses[$0] }
        }
        pending.removeAll { $0.claims.isEmpty }
        return true
    }

    /// Reads `ids` again, with the marks of each, and brings the snapshot in Redis up to date. A
    /// schedule moved out of this scheduler's scope reads as deleted: the scheduler of its new queue
    /// picks it up.
    private static func reread(_ ids: Set<Int64>, _ scheduler: Scheduler) async -> StoreOutcome {
        do {
            let scope = scheduler.options.scope
            let read = try await scheduler.store.schedules(ids: Array(ids))
            var fresh = read.filter { scope?.contains($0) ?? true }
            let movedOut = Set(read.map(\.id)).subtracting(fresh.map(\.id))
            let enabled = fresh.filter(\.definition.enabled)
            var marks: [Int64: FireLedger.Marks]
            do {
                marks = try await scheduler.ledger.marks(for: enabled.map(\.id))
            } catch {
                throw ScheduleError(error)
            }
            let movedAway = try await SchedulerCore.addClaims(to: &marks, of: enabled.map(\.id), scheduler: scheduler)
            fresh.removeAll { movedAway.contains($0.id) }
            let staying = enabled.filter { !movedAway.contains($0.id) }
            let kept = Set(staying.map(\.id))
            do {
                try await scheduler.snapshot.update(staying, removing: ids.filter { !kept.contains($0) })
            } catch {
                scheduler.logger.debug("cannot update the snapshot of the schedules: \(error)")
            }
            return .reloaded(ids: ids, schedules: fresh, marks: marks, movedOut: movedOut)
        } catch {
            return .failed(retry: .resync, error: "cannot reload changed schedules: \(error)")
        }
    }

    /// Counts finished jobs for the automatic pause; pauses (and audits) schedules that failed too
    /// often in a row.
    private static func count(_ finished: [(jobID: String, scheduleID: Int64, failed: Bool)], _ scheduler: Scheduler) async -> StoreOutcome {
        var paused: [Int64] = []
        for (jobID, id, failed) in finished {
            do throws(ScheduleError) {
                guard let schedule = try await scheduler.store.countOutcome(scheduleID: id, failed: failed) else { continue }
                paused.append(id)
                scheduler.logger.notice(
                    "paused schedule \(schedule.id) after \(schedule.consecutiveFailures) failed jobs in a row",
                    metadata: ["event": "scheduler.auto_pause", "schedule.id": .stringConvertible(schedule.id), "job.id": .string(jobID)])
                let entry = AuditEntry(
                    actor: "scheduler", interface: .scheduler, action: "schedule.auto_pause", target: ScheduleService.target(schedule),
                    details: [
                        "consecutive_failures": String(schedule.consecutiveFailures), "last_job": jobID, "instance": scheduler.options.instanceID,
                    ])
                do {
                    try await scheduler.audit.record(entry)
                } catch {
                    scheduler.logger.error("cannot audit an automatic pause: \(error)", metadata: ["event": "scheduler.audit_error"])
                }
            } catch {
                return .failed(retry: .nothing, error: "cannot count a finished job: \(error)")
            }
        }
        if !paused.isEmpty { try? await scheduler.snapshot.update([], removing: paused) }
        return .paused(paused)
    }
}
