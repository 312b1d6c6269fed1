/// The reconciler: fires recorded in the ledger but never confirmed enqueued (a scheduler died
/// between the two) are enqueued now. The job id comes from the slot and the queue refuses a second
/// job with the same id, so a fire that did reach the queue is not enqueued twice.
extension SchedulerCore {
    func reconcile() async {
        let now = clock.nowMilliseconds()
        nextReconcile = now + options.reconcileInterval.milliseconds
        do {
            let rows = try await scheduler.ledger.unenqueued(
                recordedBefore: now - options.reconcileAge.milliseconds, after: now - options.catchUpWindow.milliseconds)
            if rows.isEmpty { return }
            let missing = Set(rows.map(\.scheduleID)).filter { live[$0] == nil }
            var others: [Int64: Schedule] = [:]
            for schedule in try await scheduler.store.schedules(ids: Array(missing)) { others[schedule.id] = schedule }
            var jobs: [NewJob] = []
            var ids: [Int64] = []
            for row in rows {
                let inserted = FireLedger.Inserted(id: row.id, scheduleID: row.scheduleID, scheduledFor: row.scheduledFor)
                let trace = row.traceID ?? TraceID.random()
                if let job = job(for: inserted, traceID: trace) {
                    jobs.append(job)
                } else if let schedule = others[row.scheduleID] {
                    jobs.append(
                        NewJob(
                            id: HTTPJob.jobID(scheduleID: row.scheduleID, scheduledFor: row.scheduledFor),
                            payload: FirePayload(schedule: schedule).bytes(fireID: row.id, scheduledFor: row.scheduledFor),
                            options: schedule.jobOptions,
                            traceID: trace))
                } else {
                    continue
                }
                ids.append(row.id)
            }
            let results = try await scheduler.queue.enqueue(jobs)
            try await scheduler.ledger.markEnqueued(ids, at: clock.nowMilliseconds())
            let added = results.filter { !$0.duplicate }.count
            counters.reconciled += added
            scheduler.logger.notice(
                "reconciled \(ids.count) fires recorded but not confirmed enqueued (\(added) were not in the queue)",
                metadata: ["event": "scheduler.reconciled"])
        } catch {
            scheduler.logger.warning("reconciling the ledger failed: \(error)", metadata: ["event": "scheduler.reconcile_error"])
        }
    }
}
