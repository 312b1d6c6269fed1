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
    var nextReconcile: Int64 = .max
    var nextVersion: UInt32 = 1
    var counters = SchedulerStatus()
    /// Jobs recorded ahead of their slot, earliest first.
    var pending: [Pending] = []
    /// Evaluated expressions by zone and text: schedules that share one share its tables.
    var crons: [String: CronSchedule] = [:]

    init(_ scheduler: Scheduler) {
        self.scheduler = scheduler
    }

    var options: SchedulerOptions { scheduler.options }
    var clock: any SchedulerClock { scheduler.clock }

    /// Runs until a `.stop` event.
    func run() async {
        while true {
            var settles: [CheckedContinuation<Void, Never>] = []
            var queries: [(Int64, CheckedContinuation<Int64?, Never>)] = []
            var finished: [(jobID: String, scheduleID: Int64, failed: Bool)] = []
            var stopping = false
            for event in scheduler.inbox.take() {
                switch event {
                case .leadership(true) where !isLeader:
                    options.metrics.leadership(true)
                    isLeader = true
                    needsLoad = true
                    retryLoadAt = .min
                case .leadership(false) where isLeader:
                    options.metrics.leadership(false)
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
                return
            }
            if isLeader { await work(finished: finished) }
            publish()
            for (id, continuation) in queries { continuation.resume(returning: live[id]?.nextDue) }
            for continuation in settles { continuation.resume() }
            if !scheduler.inbox.isEmpty { continue }
            await waitForWork(until: isLeader ? nextWake() : nil)
        }
    }

    /// One round of leading: enqueue what is due, load, apply changes, count finished jobs, record
    /// what comes due next, and the periodic work. The periodic work (a full resync reads every
    /// schedule) waits for a moment with no fire near, so it never delays one.
    private func work(finished: [(jobID: String, scheduleID: Int64, failed: Bool)]) async {
        await enqueueDue()
        if needsLoad {
            guard clock.nowMilliseconds() >= retryLoadAt else { return }
            await load()
            if needsLoad { return }
        }
        if !changed.isEmpty {
            let ids = changed
            changed = []
            await reload(ids)
        }
        let now = clock.nowMilliseconds()
        if resyncRequested || now >= nextResync, isQuiet(now: now) || now >= nextResync + Self.longestDeferral {
            resyncRequested = false
            await resync()
        }
        if !finished.isEmpty { await handleFinished(finished) }
        await fireDue()
        let later = clock.nowMilliseconds()
        if later >= nextReconcile, isQuiet(now: later) || later >= nextReconcile + Self.longestDeferral { await reconcile() }
    }

    /// How long periodic work waits at most for a quiet moment.
    static let longestDeferral: Int64 = 10_000

    /// True when nothing is to be recorded or enqueued in the next 400 ms.
    private func isQuiet(now: Int64) -> Bool {
        let prepare = heap.first.map { $0.due - options.prepareAhead.milliseconds } ?? .max
        let nextFire = min(pending.first?.due ?? .max, prepare)
        return nextFire == .max || nextFire - now > 400
    }

    /// The next instant there is something to do while leading.
    private func nextWake() -> Int64? {
        if needsLoad { return retryLoadAt }
        let now = clock.nowMilliseconds()
        let prepare = heap.first.map { $0.due - options.prepareAhead.milliseconds } ?? .max
        let fire = min(prepare, pending.first?.due ?? .max)
        var periodic = min(resyncRequested ? now : nextResync, nextReconcile)
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

    /// On a graceful stop, enqueues the jobs already recorded for the next instants (at most
    /// ``SchedulerOptions/prepareAhead`` away) at their time, rather than leaving them to another
    /// scheduler's reconciler.
    private func flushPending() async {
        while let due = pending.first?.due {
            try? await clock.sleep(untilMilliseconds: due)
            await enqueueDue()
        }
    }

    /// Stops firing and forgets what leading held. Fires already recorded for the next instants are
    /// not enqueued by this scheduler any more: the next leader's reconciler enqueues them.
    private func stepDown() {
        isLeader = false
        needsLoad = false
        live = [:]
        crons = [:]
        pending = []
        heap.removeAll()
        changed = []
        nextResync = .max
        nextReconcile = .max
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
