/// Loading the enabled schedules on taking the lead. Changes arrive later through the store task
/// (`SchedulerCore+Store.swift`).
extension SchedulerCore {
    /// Reads every enabled schedule, a page at a time, with the last slots the ledger and the
    /// claims in Redis hold for it, and builds the heap in one go. While PostgreSQL is away, the
    /// schedules come from the snapshot the last leader kept in Redis.
    func load() async {
        let started = ContinuousClock.now
        live.removeAll(keepingCapacity: true)
        heap.removeAll()
        let loaded: (schedules: [Schedule], marks: [Int64: FireLedger.Marks], fromSnapshot: Bool)
        do {
            loaded = try await read()
        } catch {
            let now = clock.nowMilliseconds()
            if quiet.allow("load", now: now).allowed {
                scheduler.logger.error("cannot load the schedules: \(error)", metadata: ["event": "scheduler.load_error"])
            }
            retryLoadAt = now + 1_000
            return
        }
        quiet.reset("load")
        var entries: [FireHeap.Entry] = []
        for schedule in loaded.schedules {
            guard let cron = cron(for: schedule) else { continue }
            let entry = LiveSchedule(schedule: schedule, cron: cron, marks: loaded.marks[schedule.id])
            entry.version = nextVersion
            nextVersion &+= 1
            if let due = entry.nextDue { entries.append(FireHeap.Entry(due: due, scheduleID: schedule.id, version: entry.version)) }
            live[schedule.id] = entry
        }
        heap = FireHeap(entries)
        needsLoad = false
        snapshotStale = !loaded.fromSnapshot
        nextResync = clock.nowMilliseconds() + (loaded.fromSnapshot ? 1_000 : options.resyncInterval.milliseconds)
        counters.lastLoadDuration = ContinuousClock.now - started
        let source = loaded.fromSnapshot ? " from the snapshot in Redis (PostgreSQL is unreachable)" : ""
        scheduler.logger.info(
            "loaded \(live.count) schedules\(source) in \(counters.lastLoadDuration ?? .zero)",
            metadata: ["event": "scheduler.loaded", "schedules": .stringConvertible(live.count)])
    }

    /// The enabled schedules and their marks: from PostgreSQL, or from the snapshot when
    /// PostgreSQL cannot be read (and the snapshot can).
    private func read() async throws -> (schedules: [Schedule], marks: [Int64: FireLedger.Marks], fromSnapshot: Bool) {
        var schedules: [Schedule] = []
        var marks: [Int64: FireLedger.Marks] = [:]
        var fromSnapshot = false
        do {
            var after: Int64 = 0
            while true {
                let page = try await scheduler.store.enabled(after: after, limit: options.loadPageSize, in: options.scope)
                do {
                    marks.merge(try await scheduler.ledger.marks(for: page.map(\.id))) { $1 }
                } catch {
                    throw ScheduleError(error)
                }
                schedules += page
                guard page.count == options.loadPageSize, let last = page.last else { break }
                after = last.id
            }
        } catch {
            let snapshot = try await scheduler.snapshot.read()
            if snapshot.isEmpty { throw error }
            schedules = snapshot
            marks = [:]
            fromSnapshot = true
        }
        let movedAway = try await Self.addClaims(to: &marks, of: schedules.map(\.id), scheduler: scheduler)
        schedules.removeAll { movedAway.contains($0.id) }
        return (schedules, marks, fromSnapshot)
    }

    /// Adds to `marks` what Redis holds of the claims of `ids`: the latest claimed slot (which the
    /// ledger may not have yet) and a held slot. Returns the schedules to leave out: those moved
    /// to another queue (see ``settleMoves(_:marks:scheduler:)``).
    static func addClaims(to marks: inout [Int64: FireLedger.Marks], of ids: [Int64], scheduler: Scheduler) async throws(QueueError)
        -> Set<Int64>
    {
        let claims = try await scheduler.queue.claimMarks(ids)
        for (id, slot) in claims.latest { marks[id, default: FireLedger.Marks()].claim(slot) }
        for (id, slot) in try await scheduler.queue.heldSlots(ids) { marks[id, default: FireLedger.Marks()].heldSlot = slot }
        if claims.movedAway.isEmpty { return [] }
        return await settleMoves(claims.movedAway, marks: &marks, scheduler: scheduler)
    }

    /// Settles schedules read as this queue's whose claims Redis marks moved away. Either a move
    /// is under way (its row is locked until it commits, and the schedule is then another
    /// queue's), or a move stopped half-way (the process making it died) and the row still names
    /// this queue: then the mark is lifted and the schedule fires here again. Reading the rows
    /// `FOR SHARE` waits for a move under way to end. Returns the schedules to leave out: those of
    /// another queue now, and all of them when PostgreSQL cannot say (the next resync asks again).
    static func settleMoves(_ movedAway: [Int64: Int64?], marks: inout [Int64: FireLedger.Marks], scheduler: Scheduler) async -> Set<Int64> {
        let ids = Set(movedAway.keys)
        let rows: [Schedule]
        do {
            rows = try await scheduler.store.lockedSchedules(ids: Array(ids))
        } catch {
            scheduler.logger.warning(
                "\(ids.count) schedules are marked moved to another queue, and PostgreSQL cannot say whether they are: \(error)",
                metadata: ["event": "scheduler.move_unsettled"])
            return ids
        }
        var staying = Set<Int64>()
        for schedule in rows where scheduler.options.scope?.contains(schedule) ?? true {
            do {
                try await scheduler.queue.takeBack(schedule.id)
            } catch {
                scheduler.logger.warning(
                    "cannot lift the moved mark of schedule \(schedule.id): \(error)", metadata: ["event": "scheduler.move_unsettled"])
                continue
            }
            if let latest = movedAway[schedule.id] ?? nil { marks[schedule.id, default: FireLedger.Marks()].claim(latest) }
            staying.insert(schedule.id)
            scheduler.logger.notice(
                "schedule \(schedule.id) was marked moved away, but still names this queue (a move that did not finish): it fires here again",
                metadata: ["event": "scheduler.move_undone", "schedule.id": .stringConvertible(schedule.id)])
        }
        return ids.subtracting(staying)
    }
}
