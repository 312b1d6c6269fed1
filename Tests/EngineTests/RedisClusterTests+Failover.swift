import Foundation
import Synchronization
import TestSupport
import Testing

@testable import Engine

/// The master of a busy queue's slot killed while a worker pool drains it and a scheduler fires
/// into it: its replica takes over, and the workers and the scheduler follow it.
extension RedisClusterTests {
    /// Each run of each job: when its handler began and ended.
    final class JobRuns: Sendable {
        struct Run: Sendable {
            var start: ContinuousClock.Instant
            var end: ContinuousClock.Instant
        }

        private let runs = Mutex<[String: [Run]]>([:])

        func record(_ id: String, since start: ContinuousClock.Instant) {
            let run = Run(start: start, end: .now)
            runs.withLock { $0[id, default: []].append(run) }
        }

        var snapshot: [String: [Run]] { runs.withLock { $0 } }

        /// How many jobs whose id starts with `prefix` ran at least once.
        func count(_ prefix: String) -> Int { runs.withLock { $0.keys.count { $0.hasPrefix(prefix) } } }
    }

    @Test func killingTheMasterOfABusyQueueLosesNoJobAndNoLedgerSlot() async throws {
        defer { client.close() }
        try await TestDatabase.withSchema { database in
            let pool = PostgresPool(endpoint: database.endpoint, size: 4)
            try await pool.withConnection { _ = try await MigrationRunner().run(on: $0) }
            let witness = OutcomeWitness(client)
            var options = QueueOptions()
            options.keepCompleted = -1
            // A job whose lock the failover orphaned is recovered within seconds.
            options.lockDuration = .seconds(8)
            let queue = JobQueue(name: TestServices.uniqueName("failover"), redis: witness, options: options)
            do {
                try await ClusterExclusive.run { try await failover(of: queue, witness: witness, database: pool) }
            } catch {
                try? await queue.destroy()
                await pool.close()
                throw error
            }
            try await queue.destroy()
            await pool.close()
        }
    }

    private func failover(of queue: JobQueue, witness: OutcomeWitness, database: PostgresPool) async throws {
        let slot = RedisHashSlot.of(queue.keys.wait)
        let master = try await admin.master(ofSlot: slot)
        let replica = try await admin.replica(of: master)
        let service = ScheduleService(database: database, queue: queue)
        let caller = ScheduleService.Caller(actor: "test", interface: .cli)
        let schedule = try await service.create(ScheduleInput(name: "tick", cron: "* * * * * *", url: "http://127.0.0.1:9/"), by: caller)
        let fires = "\(schedule.id):"
        let schedulerLogs = LogCapture()
        let scheduler = Scheduler(queue: queue, database: database, logger: schedulerLogs.logger(level: .warning))
        let scheduling = Task { try? await scheduler.run() }
        let runs = JobRuns()
        let poolLogs = LogCapture()
        var workerOptions = WorkerPoolOptions()
        workerOptions.concurrency = 4
        workerOptions.stalledCheckInterval = .milliseconds(200)
        let workers = WorkerPool(queue: queue, options: workerOptions, logger: poolLogs.logger(level: .warning)) { active in
            let start = ContinuousClock.now
            try await Task.sleep(for: .milliseconds(20))  // the job's work
            runs.record(active.job.id, since: start)
        }
        let working = Task { await workers.run() }
        func stop() async {
            workers.stop()
            scheduler.shutdown()
            await working.value
            await scheduling.value
        }

        let bulk = (0..<400).map { "bulk-\($0)" }
        let measured: (killed: ContinuousClock.Instant, promoted: ContinuousClock.Instant, bulkDone: Int)
        do {
            try #require(await QueueFixture.eventually(timeout: .seconds(30)) { runs.count(fires) >= 2 }, "the scheduler fired nothing")
            // Held until the replica has the batch, so the pool drains it from then on.
            _ = try await queue.pause()
            try await queue.enqueue(bulk.map { NewJob.text($0, id: $0) })
            // The whole batch is on the replica: the enqueue is not what the failover may lose.
            let copied = try await QueueFixture.eventually(timeout: .seconds(10)) {
                let connection = admin.connection(replica.address)
                defer { connection.close() }
                return try await connection.pipeline([RedisCommand("READONLY"), RedisCommand("EXISTS", queue.keys.job(bulk.last!))]).last?.int == 1
            }
            try #require(copied, "the enqueued jobs did not reach the replica")
            _ = try await queue.resume()
            try #require(await QueueFixture.eventually(timeout: .seconds(20)) { runs.count("bulk-") >= 40 }, "the pool did not start")
            try #require(runs.count("bulk-") < bulk.count, "the pool drained the queue before the kill")

            measured = try await admin.killing(master) { killed in
                let bulkDone = bulk.count { witness.acknowledged($0).map { $0 < killed } ?? false }
                let promoted = try await QueueFixture.eventually(timeout: .seconds(30)) {
                    try await admin.nodes().contains { $0.id == replica.id && $0.isMaster && $0.slots.contains { $0.contains(slot) } }
                }
                try #require(promoted, "the replica \(replica.address) was not promoted")
                let promotedAt = ContinuousClock.now
                let promotedWall = SystemQueueClock().nowMilliseconds()
                // Every job of the batch completes, and the scheduler fires on the new master.
                let drained = try await QueueFixture.eventually(timeout: .seconds(60)) {
                    try await queue.allJobIDs(in: [.completed]).isSuperset(of: bulk)
                }
                #expect(drained, "jobs of the batch did not complete after the failover")
                let firing = try await QueueFixture.eventually(timeout: .seconds(30)) {
                    let after = try await FireLedger(pool: database).fires(scheduleID: schedule.id, limit: 10).filter {
                        $0.scheduledFor > promotedWall
                    }
                    return after.count >= 3
                }
                #expect(firing, "the scheduler did not fire on the new master")
                return (killed, promotedAt, bulkDone)
            }
            // Firing stops; the ledger catches up with the claims and the queue runs dry.
            _ = try await service.pause(.id(schedule.id), by: caller)
            // The scheduler has heard of the pause (through its LISTEN) and holds no slot of it.
            let dropped = await QueueFixture.eventually(timeout: .seconds(30)) { await scheduler.nextDue(of: schedule.id) == nil }
            #expect(dropped, "the scheduler still fires the paused schedule")
            let settled = try await QueueFixture.eventually(timeout: .seconds(30)) {
                let claimed = try await queue.claimedSlots([schedule.id])[schedule.id]
                let latest = try await FireLedger(pool: database).fires(scheduleID: schedule.id, limit: 1).first?.scheduledFor
                let waiting = try await queue.fireOutbox(maxLength: 1_000).length()
                let unfinished = try await queue.allJobIDs(in: [.waiting, .active, .delayed])
                return waiting == 0 && latest != nil && claimed == latest && unfinished.isEmpty
            }
            #expect(settled, "the ledger, the claims and the queue did not settle")
        } catch {
            await stop()
            throw error
        }
        await stop()

        #expect(measured.bulkDone < bulk.count, "the kill came after the pool had drained the batch")

        // The ledger: one row per second from the first slot to the last, none lost, none twice;
        // each an enqueued job that completed, and no fire job outside it.
        let ledger = try await FireLedger(pool: database).fires(scheduleID: schedule.id, limit: 100_000).sorted { $0.scheduledFor < $1.scheduledFor }
        let slots = ledger.map(\.scheduledFor)
        let gaps = zip(slots, slots.dropFirst()).filter { $1 - $0 != 1_000 }
        #expect(gaps.isEmpty, "ledger slots lost or doubled between \(gaps)")
        #expect(ledger.allSatisfy { $0.status == .enqueued }, "\(ledger.filter { $0.status != .enqueued }.map { "\($0.scheduledFor) \($0.status)" })")
        #expect(try await queue.claimedSlots([schedule.id])[schedule.id] == slots.last)
        let ledgerJobs = Set(ledger.compactMap(\.jobID))
        #expect(ledgerJobs.count == ledger.count)
        let completed = try await queue.allJobIDs(in: [.completed])
        #expect(ledgerJobs.isSubset(of: completed), "fire jobs that did not complete: \(ledgerJobs.subtracting(completed).sorted())")
        let ran = runs.snapshot
        #expect(Set(ran.keys.filter { $0.hasPrefix(fires) }) == ledgerJobs, "fire jobs run that the ledger does not have, or the reverse")
        #expect(bulk.allSatisfy { ran[$0] != nil })
        #expect(try await queue.stats().failed == 0)

        // A job ran twice only if it was active at the kill: its first run had begun before the
        // signal, and its outcome had not been acknowledged by then.
        let active = Set(
            ran.filter { id, runs in runs[0].start < measured.killed && (witness.acknowledged(id).map { $0 > measured.killed } ?? true) }.keys)
        let twice = ran.filter { $0.value.count > 1 }
        let unexplained = twice.filter { !active.contains($0.key) }
        #expect(unexplained.isEmpty, "jobs run twice that were not active at the kill: \(unexplained.keys.sorted())")
        #expect(twice.values.allSatisfy { $0.count == 2 }, "a job ran more than twice")
        func logged(_ message: String, in capture: LogCapture) -> Set<String> {
            Set(capture.all.filter { $0.message.hasPrefix(message) }.compactMap { $0.metadata["job_id"]?.description })
        }
        let lockLost = logged("lock lost", in: poolLogs).intersection(twice.keys)
        let retried = logged("recording the job's outcome failed; trying again", in: poolLogs)
        let claimErrors = schedulerLogs.all.count { $0.message.hasPrefix("cannot claim") }
        let answered = witness.firstAcknowledged(after: measured.killed).map { "\($0 - measured.killed)" } ?? "never"
        print(
            "fault: SIGKILL of the master of slot \(slot) after \(measured.bulkDone) of \(bulk.count) jobs, with an every-second schedule: "
                + "the replica was promoted \(measured.promoted - measured.killed) after the signal; the first outcome was acknowledged "
                + "\(answered) after it; \(active.count) jobs were active at the kill, \(retried.count) outcomes were sent again "
                + "after Redis did not answer; \(twice.count) of \(ran.count) jobs ran twice, all active at the kill "
                + "(\(lockLost.count) whose fetch the new master had not received, so it gave them out again); ledger of \(slots.count) "
                + "slots, none lost or doubled; \(claimErrors) scheduler warnings of claims to retry")
    }
}
