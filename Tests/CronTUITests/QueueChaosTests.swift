import Engine
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A worker process killed with SIGKILL mid-run loses no job: its held jobs' locks expire, another
/// worker takes them over, and every job completes. That holds for jobs it fetched and for jobs an
/// enqueue handed straight to it while it was idle.
@Suite(.enabled(if: TestServices.enabled))
struct QueueChaosTests {
    @Test func killedWorkerProcessLosesNoJob() async throws {
        var options = QueueOptions()
        options.keepCompleted = -1
        options.lockDuration = .milliseconds(1_000)
        let f = try QueueFixture(options: options)
        defer { Task { await f.tearDown() } }
        let total = 10_000
        try await f.queue.enqueue((0..<total).map { NewJob.text("\($0)", id: "c\($0)") })

        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        let worker = try ProcessRunner.spawn(
            ["bench", "worker", "--queue", f.queue.name, "--concurrency", "10", "--lock-ms", "1000", "--job-ms", "5"],
            stdout: devNull, stderr: devNull)
        // Kill it mid-run, with jobs in its hands.
        let midway = try await QueueFixture.eventually(timeout: .seconds(60)) {
            let stats = try await f.queue.stats()
            return stats.completed >= 2_000 && stats.active > 0
        }
        kill(worker, SIGKILL)
        #expect(ProcessRunner.wait(worker) == 128 + SIGKILL)
        #expect(midway)
        let stranded = try await f.queue.stats().active
        #expect(stranded > 0)

        // A second worker recovers the stranded jobs once their locks expire, and drains the rest.
        let stats = try await Self.rescue(f, total: total)
        #expect(stats.completed == total)
        #expect(stats.waiting + stats.active + stats.delayed + stats.failed == 0)
        #expect(stats.stalledTotal >= stranded)
        let ids = try await f.queue.allJobIDs(in: [.completed])
        #expect(ids == Set((0..<total).map { "c\($0)" }))
    }

    @Test func killedWorkerProcessLosesNoJobHandedToIt() async throws {
        var options = QueueOptions()
        options.keepCompleted = -1
        options.lockDuration = .milliseconds(1_000)
        let f = try QueueFixture(options: options)
        defer { Task { await f.tearDown() } }
        let devNull = open("/dev/null", O_WRONLY)
        defer { close(devNull) }
        let worker = try ProcessRunner.spawn(
            ["bench", "worker", "--queue", f.queue.name, "--concurrency", "10", "--lock-ms", "1000", "--job-ms", "1"],
            stdout: devNull, stderr: devNull)
        func offers() async throws -> Int { try await f.queue.offeringWorkers().count }

        // Jobs go one by one to the idle worker, straight from the enqueue; after 50 such hand-overs
        // it is killed, and the rest of the jobs keep coming.
        let total = 3_000
        var handed = 0
        var next = 0
        while handed < 50, next < total, try await QueueFixture.eventually(timeout: .seconds(30), { try await offers() > 0 }) {
            if try await f.queue.enqueue(.text("\(next)", id: "h\(next)")).handedOver { handed += 1 }
            next += 1
        }
        kill(worker, SIGKILL)
        #expect(ProcessRunner.wait(worker) == 128 + SIGKILL)
        #expect(handed == 50)
        for i in next..<total { try await f.queue.enqueue(.text("\(i)", id: "h\(i)")) }

        let stats = try await Self.rescue(f, total: total)
        #expect(stats.waiting + stats.active + stats.delayed + stats.failed == 0)
        let completed = try await f.queue.allJobIDs(in: [.completed])
        #expect(completed == Set((0..<total).map { "h\($0)" }))
    }

    /// Runs a second worker until `total` jobs have completed (it recovers the stranded ones once
    /// their locks expire), then returns the queue's stats.
    static func rescue(_ f: QueueFixture, total: Int) async throws -> QueueStats {
        var poolOptions = WorkerPoolOptions()
        poolOptions.concurrency = 20
        poolOptions.stalledCheckInterval = .milliseconds(200)
        // The rescuer's own locks last longer than the dead worker's, so a loaded machine cannot
        // make its attempts stall too (a second stall fails a job).
        var rescuerOptions = f.queue.options
        rescuerOptions.lockDuration = .seconds(10)
        let rescuerQueue = JobQueue(name: f.queue.name, redis: f.redis, options: rescuerOptions)
        let pool = WorkerPool(queue: rescuerQueue, options: poolOptions) { _ in }
        let running = Task { await pool.run() }
        let drained = try await QueueFixture.eventually(timeout: .seconds(60)) { try await f.queue.stats().completed == total }
        pool.stop()
        await running.value
        #expect(drained)
        return try await f.queue.stats()
    }
}
