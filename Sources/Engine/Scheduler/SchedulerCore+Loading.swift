/// Loading the enabled schedules on taking the lead, and keeping them in step with PostgreSQL.
extension SchedulerCore {
    /// Reads every enabled schedule, a page at a time, with the last slots the ledger holds for it,
    /// and builds the heap in one go.
    func load() async {
        let started = ContinuousClock.now
        live.removeAll(keepingCapacity: true)
        heap.removeAll()
        var entries: [FireHeap.Entry] = []
        var after: Int64 = 0
        var reading = Duration.zero
        do throws(ScheduleError) {
            while true {
                let read = ContinuousClock.now
                let page = try await scheduler.store.enabled(after: after, limit: options.loadPageSize)
                let marks = try await self.marks(for: page.map(\.id))
                reading += ContinuousClock.now - read
                for schedule in page {
                    guard let cron = cron(for: schedule) else { continue }
                    let entry = LiveSchedule(schedule: schedule, cron: cron, marks: marks[schedule.id])
                    entry.version = nextVersion
                    nextVersion &+= 1
                    if let due = entry.nextDue { entries.append(FireHeap.Entry(due: due, scheduleID: schedule.id, version: entry.version)) }
                    live[schedule.id] = entry
                }
                guard page.count == options.loadPageSize, let last = page.last else { break }
                after = last.id
            }
        } catch {
            scheduler.logger.error("cannot load the schedules: \(error)", metadata: ["event": "scheduler.load_error"])
            live = [:]
            retryLoadAt = clock.nowMilliseconds() + 1_000
            return
        }
        heap = FireHeap(entries)
        needsLoad = false
        let now = clock.nowMilliseconds()
        nextResync = now + options.resyncInterval.milliseconds
        nextReconcile = now
        counters.lastLoadDuration = ContinuousClock.now - started
        scheduler.logger.info(
            "loaded \(live.count) schedules in \(counters.lastLoadDuration ?? .zero) (reading them: \(reading))",
            metadata: ["event": "scheduler.loaded", "schedules": .stringConvertible(live.count)])
    }

    /// Reads `ids` again: changed ones are replaced (keeping what was fired), new ones added,
    /// paused and deleted ones dropped. On failure a resync is due in a second.
    func reload(_ ids: Set<Int64>) async {
        do throws(ScheduleError) {
            let fresh = try await scheduler.store.schedules(ids: Array(ids))
            var byID: [Int64: Schedule] = [:]
            for schedule in fresh { byID[schedule.id] = schedule }
            var added: [Schedule] = []
            for id in ids {
                guard let schedule = byID[id], schedule.definition.enabled else {
                    live.removeValue(forKey: id)
                    continue
                }
                guard let existing = live[id] else {
                    added.append(schedule)
                    continue
                }
                if existing.schedule == schedule { continue }
                guard let cron = cron(for: schedule) else {
                    live.removeValue(forKey: id)
                    continue
                }
                let replacement = LiveSchedule(schedule: schedule, cron: cron, marks: nil)
                replacement.lastHandled = max(existing.lastHandled, schedule.activeSince)
                replacement.planner = existing.planner
                replacement.lastJobID = existing.lastJobID
                replacement.nextDue = replacement.nextSlot(after: replacement.lastHandled)
                install(replacement)
            }
            if !added.isEmpty {
                let marks = try await self.marks(for: added.map(\.id))
                for schedule in added {
                    if let cron = cron(for: schedule) { install(LiveSchedule(schedule: schedule, cron: cron, marks: marks[schedule.id])) }
                }
            }
        } catch {
            scheduler.logger.warning("cannot reload changed schedules: \(error)", metadata: ["event": "scheduler.reload_error"])
            nextResync = min(nextResync, clock.nowMilliseconds() + 1_000)
        }
    }

    /// Compares every enabled schedule's change time with memory and reloads the difference: the
    /// safety net for lost notifications.
    func resync() async {
        let now = clock.nowMilliseconds()
        nextResync = now + options.resyncInterval.milliseconds
        do throws(ScheduleError) {
            let versions = try await scheduler.store.enabledVersions()
            var stale = Set<Int64>()
            for (id, updatedAt) in versions where live[id]?.schedule.updatedAt != updatedAt { stale.insert(id) }
            for id in live.keys where versions[id] == nil { stale.insert(id) }
            if !stale.isEmpty { await reload(stale) }
        } catch {
            scheduler.logger.warning("cannot resync the schedules: \(error)", metadata: ["event": "scheduler.resync_error"])
            nextResync = now + 1_000
        }
    }

    /// What the ledger holds of the last slots of `ids`.
    private func marks(for ids: [Int64]) async throws(ScheduleError) -> [Int64: FireLedger.Marks] {
        do {
            return try await scheduler.ledger.marks(for: ids)
        } catch {
            throw ScheduleError(error)
        }
    }
}
