/// The firing loop of a ``Scheduler`` and everything it holds while leading: the live schedules
/// and the heap of their next slots. It runs on one task and owns its state outright; the other
/// tasks reach it only through the ``SchedulerInbox``.
final class SchedulerCore {
    let scheduler: Scheduler
    var isLeader = false
    /// The enabled schedules, by id (while leading).
    var live: [Int64: LiveSchedule] = [:]
    /// Their next slots.
    var heap = FireHeap()
    /// Leading, but the schedules are not loaded yet (or loading failed: retry at `retryLoadAt`).
    var needsLoad = false
    var retryLoadAt: Int64 = .min
    /// Schedules announced as changed, to reload.
    var changed: Set<Int64> = []
    var resyncRequested = false
    var nextResync: Int64 = .max
    var nextVersion: UInt32 = 1
    var counters = SchedulerStatus()
    /// Slots planned ahead, to claim at their instant, earliest first.
    var pending: [Pending] = []
    /// Redis did not take the last claims: they are tried again from this instant.
    var claimRetryAt: Int64 = .min
    /// A PostgreSQL read or write runs on its own task (see `SchedulerCore+Store.swift`), so that
    /// a slow or hung database never delays a fire.
    var storeBusy = false
    /// Schedules dropped because they moved to another queue, whose moved-away marks in this
    /// queue's claims are to be cleared.
    var movedToForget: Set<Int64> = []
    /// Finished jobs of schedules that pause after failures, to count.
    var finishedToCount: [(jobID: String, scheduleID: Int64, failed: Bool)] = []
    /// The snapshot of the schedules in Redis is to be written anew (after a load from PostgreSQL).
    var snapshotStale = false
    /// Logs repeated failures once per period rather than on every try.
    var quiet = LogThrottle(period: 30_000)
    /// `settle()` callers waiting for the store task to have handled what was asked of it.
    var settles: [CheckedContinuation<Void, Never>] = []
    /// Evaluated expressions by zone and text: schedules that share one share its tables.
    var crons: [String: CronSchedule] = [:]

    init(_ scheduler: Scheduler) {
        self.scheduler = scheduler
    }

    var options: SchedulerOptions { scheduler.options }
    var clock: any SchedulerClock { scheduler.clock }

    /// Runs until a `.stop` event, or until its task is cancelled (which stops it the same way:
    /// a cancelled task's waits return at once, so it must not go round again).
    func run() async {
        while true {
            var queries: [(Int64, CheckedContinuation<Int64?, Never>)] = []
            var finished: [(jobID: String, scheduleID: Int64, failed: Bool)] = []
            var stopping = Task.isCancelled
            for event in scheduler.inbox.take() {
                switch event {
                case .leadership(true) where !isLeader:
                    options.metrics.leadership(true, queue: scheduler.queue.name)
                    isLeader = true
                    needsLoad = true
                    retryLoadAt = .min
                case .leadership(false) where isLeader:
                    options.metrics.leadership(false, queue: scheduler.queue.name)
                    stepDown()
                case .leadership:
                    break
                case .changed(let ids):
                    changed.formUnion(ids)
                case .resync:
                    resyncRequested = true
                case .finished(let jobID, let scheduleID, let failed):
                    finished.append((jobID, scheduleID, failed))
                case .settle(let continuation):
                    settles.append(continuation)
                case .stored(let outcome):
                    storeBusy = false
                    apply(outcome)
                case .query(let id, let continuation):
                    queries.append((id, continuation))
                case .stop:
                    stopping = true
                }
            }
            if stopping {
                await flushPending()
                stepDown()
                publish()
                for (_, continuation) in queries { continuation.resume(returning: nil) }
                for continuation in settles { continuation.resume() }
                settles = []
                return
            }
            if isLeader { await work(finished: finished) }
            publish()
            for (id, continuation) in queries { continuation.resume(returning: live[id]?.nextDue) }
            if !settles.isEmpty, !isLeader || (!storeBusy && !needsLoad && changed.isEmpty && finishedToCount.isEmpty) {
                await scheduler.writeLedger()
                for continuation in settles { continuation.resume() }
                settles = []
            }
            if !scheduler.inbox.isEmpty { continue }
            await waitForWork(until: isLeader ? nextWake() : nil)
        }
    }

    /// One round of leading: claim what is due, load, count finished jobs, plan what comes due
    /// next, and hand the next PostgreSQL errand (changes, counts, the periodic resync) to the
    /// store task. The resync reads every schedule, so it waits for a moment with no fire near.
    private func work(finished: [(jobID: String, scheduleID: Int64, failed: Bool)]) async {
        await claimDue()
        if needsLoad {
            guard clock.nowMilliseconds() >= retryLoadAt else { return }
            await load()
            if needsLoad { return }
        }
        if !finished.isEmpty { await handleFinished(finished) }
        await fireDue()
        startStoreErrand()
    }

    /// How long periodic work waits at most for a quiet moment.
    static let longestDeferral: Int64 = 10_000

    /// True when nothing is to be recorded or enqueued in the next 400 ms.
    func isQuiet(now: Int64) -> Bool {
        let prepare = heap.first.map { $0.due - options.prepareAhead.milliseconds } ?? .max
        let nextFire = min(pending.first?.due ?? .max, prepare)
        return nextFire == .max || nextFire - now > 400
    }

    /// The next instant there is something to do while leading.
    private func nextWake() -> Int64? {
        if needsLoad { return retryLoadAt }
        let now = clock.nowMilliseconds()
        let prepare = heap.first.map { $0.due - options.prepareAhead.milliseconds } ?? .max
        var fire = min(prepare, pending.first?.due ?? .max)
        if !pending.isEmpty { fire = max(fire, claimRetryAt) }
        var periodic = resyncRequested ? now : nextResync
        // Periodic work still due now is waiting for a quiet moment: the next fire brings one.
        if periodic <= now { periodic = periodic == .min ? .max : periodic + Self.longestDeferral }
        return min(fire, periodic)
    }

    /// Waits for an event or for `deadline` on the scheduler's clock, whichever comes first.
    private func waitForWork(until deadline: Int64?) async {
        let inbox = scheduler.inbox
        let clock = scheduler.clock
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await inbox.wait() }
            if let deadline, deadline != .max {
                group.addTask { try? await clock.sleep(untilMilliseconds: deadline) }
            }
            await group.next()
            group.cancelAll()
        }
    }

    /// On a graceful stop, claims the slots already planned for the next instants (at most
    /// ``SchedulerOptions/prepareAhead`` away) at their time, rather than leaving them to the next
    /// leader's missed-fire policy. Gives up on them if Redis does not take them.
    private func flushPending() async {
        while let due = pending.first?.due {
            try? await clock.sleep(untilMilliseconds: max(due, claimRetryAt))
            let before = pending.count
            await claimDue()
            if pending.count == before { break }
        }
    }

    /// Stops firing and forgets what leading held. Slots planned but not claimed are left to the
    /// next leader, which finds them unclaimed and applies their schedules' missed-fire policies.
    private func stepDown() {
        isLeader = false
        needsLoad = false
        live = [:]
        crons = [:]
        pending = []
        heap.removeAll()
        changed = []
        nextResync = .max
        claimRetryAt = .min
        finishedToCount = []
        snapshotStale = false
    }

    private func publish() {
        var status = counters
        status.instanceID = options.instanceID
        status.isLeader = isLeader
        status.schedules = live.count
        status.nextDue = [heap.first?.due, pending.first?.due].compactMap { $0 }.min()
        scheduler.statusBox.withLock {
            status.listening = $0.listening
            $0 = status
        }
    }

    /// A schedule's policies with the scheduler's settings.
    func policy(_ schedule: LiveSchedule) -> FirePlanner.Policy {
        FirePlanner.Policy(
            missed: schedule.policy.missed, overlap: schedule.policy.overlap, dedupeWindow: options.dedupeWindow.milliseconds,
            misfireThreshold: options.misfireThreshold.milliseconds)
    }

    /// `schedule`'s expression in its zone, evaluated once per distinct pair; nil when it no longer
    /// parses (a row written around the store).
    func cron(for schedule: Schedule) -> CronSchedule? {
        let key = schedule.definition.timeZone + "\n" + schedule.definition.cron
        if let cached = crons[key] { return cached }
        guard let cron = try? CronSchedule(schedule.definition.cron, timeZone: schedule.definition.timeZone) else {
            scheduler.logger.warning(
                "schedule \(schedule.id) has a cron expression or zone that no longer parses; it is not run",
                metadata: ["schedule.id": .stringConvertible(schedule.id)])
            return nil
        }
        crons[key] = cron
        return cron
    }

    /// Puts `schedule` (with a new version) in memory and its next slot in the heap.
    func install(_ schedule: LiveSchedule) {
        schedule.version = nextVersion
        nextVersion &+= 1
        live[schedule.schedule.id] = schedule
        if let due = schedule.nextDue {
            heap.insert(FireHeap.Entry(due: due, scheduleID: schedule.schedule.id, version: schedule.version))
        }
        // Stale entries pile up as schedules change; rebuild before they outnumber the live ones.
        if heap.count > 2 * live.count + 1_000 {
            heap = FireHeap(live.values.compactMap { s in s.nextDue.map { FireHeap.Entry(due: $0, scheduleID: s.schedule.id, version: s.version) } })
        }
    }
}
