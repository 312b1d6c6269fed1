import ArgumentParser
import CommandSupport
import Engine
import Foundation
import Logging
import Synchronization

/// `crontui bench queue`: enqueue and drain no-op jobs on a queue of its own, and report the figures.
package struct BenchQueueCommand: AsyncParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Enqueue N no-op jobs, drain them with one pool, and print throughput, latency, memory and round trips."
    )

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup var load: BenchLoadOptions

    @Option(help: "Payload size of each job.")
    var payloadBytes: Int = 64

    @Option(help: "Jobs sent 1 ms apart to measure enqueue-to-start latency.")
    var latencyJobs: Int = 2_000

    @Option(help: "Tasks that enqueue one by one at the same time, each awaiting every call.")
    var producers: Int = 16

    @Option(help: "Spread the jobs over this many queues and drain them at once (with a redis+cluster:// URL, over the masters).")
    var queues: Int?

    @Option(help: "With --queues: worker processes draining them (1: this process).")
    var processes: Int = 1

    package func validate() throws {
        try UsageError.checking {
            try UsageError.check("--payload-bytes", payloadBytes, in: 0...10_000_000)
            try UsageError.check("--latency-jobs", latencyJobs, in: 10...100_000)
            try UsageError.check("--producers", producers, in: 1...1_000)
            if let queues { try UsageError.check("--queues", queues, in: 1...1_000) }
            try UsageError.check("--processes", processes, in: 1...64)
        }
    }

    package func run() async throws {
        let config = try connection.configuration()
        if let queues {
            let spread = QueueSpreadBenchmark(
                endpoint: config.redis, redisURL: connection.redisURL, queues: queues, jobs: load.jobs, concurrency: load.concurrency,
                processes: processes, payloadBytes: payloadBytes)
            try await spread.run().print(load.output)
            return
        }
        guard !config.redis.isCluster else { throw UsageError("--redis-url: a cluster URL needs --queues") }
        let redis = RedisClient(endpoint: config.redis)
        defer { redis.close() }
        var options = QueueOptions()
        options.keepCompleted = 1_000
        let queue = JobQueue(name: "bench-" + String(UInt32.random(in: 0...UInt32.max), radix: 36), redis: redis, options: options)
        do {
            try await queue.destroy()
        } catch {
            throw RuntimeError("cannot reach Redis at \(config.redis): \(error)")
        }
        let payload = [UInt8](repeating: UInt8(ascii: "x"), count: payloadBytes)
        let clock = ContinuousClock()
        let logger = Logger.bench

        // 1. Enqueue one by one, each awaited, from a task on a connection's thread (as a program
        // enqueuing in a loop should), taking turns in rounds with redis-benchmark replaying the same
        // call on a scratch queue: the server's own cost, measured while the machine is as fast.
        let scratch = JobQueue(name: queue.name + "-ref", redis: redis, options: options)
        let call = try await scratch.enqueueCall(NewJob(payload: payload))
        let rounds = 10
        var ours = Duration.zero
        var trips = 0
        var referenceSeconds: Double? = 0
        var referenceJobs = 0
        for round in 0..<rounds {
            let share = load.jobs / rounds + (round < load.jobs % rounds ? 1 : 0)
            let (roundStart, tripsBefore) = (clock.now, redis.statistics.roundTrips)
            try await withTaskExecutorPreference(redis.executor) {
                for _ in 0..<share { try await queue.enqueue(NewJob(payload: payload)) }
            }
            ours += clock.now - roundStart
            trips += redis.statistics.roundTrips - tripsBefore
            let replayed = max(100, min(share, 1_000))
            if let sum = referenceSeconds,
                let rate = BenchRedisCommand.redisBenchmark(endpoint: config.redis, requests: replayed, command: call)
            {
                referenceSeconds = sum + Double(replayed) / rate
                referenceJobs += replayed
            } else {
                referenceSeconds = nil
            }
        }
        try await scratch.destroy()
        let enqueuePerSecond = Double(load.jobs) / ours.seconds
        let referencePerSecond = referenceSeconds.map { Double(referenceJobs) / $0 }

        // 2. Drain them with one pool.
        let counter = DrainCounter(target: load.jobs)
        var poolOptions = WorkerPoolOptions()
        poolOptions.concurrency = load.concurrency
        var start = clock.now
        let rt0 = redis.statistics.roundTrips
        let drainSeconds = try await withPool(queue: queue, options: poolOptions, logger: logger, handler: { _ in counter.hit() }) {
            await counter.wait()
            return (clock.now - start).seconds
        }
        let drainPerSecond = Double(load.jobs) / drainSeconds
        // Enqueue and drain together: the steady-state cost of one job.
        let roundTripsPerJob = Double(trips + redis.statistics.roundTrips - rt0) / Double(load.jobs)

        // 3. Bulk enqueue.
        let bulk = (0..<load.jobs).map { _ in NewJob(payload: payload) }
        start = clock.now
        try await queue.enqueue(bulk)
        let bulkPerSecond = Double(load.jobs) / (clock.now - start).seconds
        try await queue.destroy()

        // 3b. One by one again, from several producers at once (each call still awaited).
        start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            for producer in 0..<producers {
                let share = load.jobs / producers + (producer < load.jobs % producers ? 1 : 0)
                group.addTask {
                    for _ in 0..<share { try await queue.enqueue(NewJob(payload: payload)) }
                }
            }
            try await group.waitForAll()
        }
        let concurrentPerSecond = Double(load.jobs) / (clock.now - start).seconds
        try await queue.destroy()

        // 4. Enqueue-to-start latency at low load: jobs arriving 1 ms apart.
        let starts = Mutex<[String: ContinuousClock.Instant]>([:])
        var sent: [String: ContinuousClock.Instant] = [:]
        let latencyCounter = DrainCounter(target: latencyJobs)
        var handedOver = 0
        let latencies: [Double] = try await withPool(
            queue: queue, options: poolOptions, logger: logger,
            handler: { active in
                let now = ContinuousClock.now
                starts.withLock { $0[active.job.id] = now }
                latencyCounter.hit()
            }
        ) {
            let origin = clock.now + .milliseconds(50)
            for i in 0..<latencyJobs {
                try await Task.sleep(until: origin + .milliseconds(i), clock: clock)
                let id = "l\(i)"
                sent[id] = clock.now
                if try await queue.enqueue(NewJob(id: id, payload: payload)).handedOver { handedOver += 1 }
            }
            await latencyCounter.wait()
            let started = starts.withLock { $0 }
            return sent.compactMap { id, at in started[id].map { ($0 - at).seconds * 1000 } }.sorted()
        }
        try await queue.destroy()

        let latencyP50 = Self.percentile(latencies, 0.50)
        let latencyP99 = Self.percentile(latencies, 0.99)
        let handedOverShare = Double(handedOver) / Double(latencyJobs)
        let peakRSS = ProcessUsage.peakRSSMegabytes
        func line(_ label: String, _ value: String) -> String { label.padding(toLength: 30, withPad: " ", startingAt: 0) + value }
        var figures = BenchFigures(
            "queue benchmark: \(load.jobs) no-op jobs, concurrency \(load.concurrency), \(payloadBytes)-byte payloads")
        figures.add("jobs", load.jobs)
        figures.add("concurrency", load.concurrency)
        figures.add("payload_bytes", payloadBytes)
        figures.add("enqueue_per_s", Int(enqueuePerSecond), line: line("enqueue, one by one:", String(format: "%9.0f jobs/s", enqueuePerSecond)))
        figures.add(
            line: line(
                "same call by redis-benchmark:",
                referencePerSecond.map { String(format: "%9.0f jobs/s  (ours: %.0f%%)", $0, 100 * enqueuePerSecond / $0) }
                    ?? "not available (install redis-tools; TCP only)"))
        figures.add("producers", producers)
        figures.add(
            "enqueue_concurrent_per_s", Int(concurrentPerSecond),
            line: line("one by one, \(producers) producers:", String(format: "%9.0f jobs/s", concurrentPerSecond)))
        figures.add("bulk_enqueue_per_s", Int(bulkPerSecond), line: line("enqueue, bulk:", String(format: "%9.0f jobs/s", bulkPerSecond)))
        figures.add("drain_per_s", Int(drainPerSecond), line: line("drain:", String(format: "%9.0f jobs/s", drainPerSecond)))
        figures.add("latency_p50_ms", latencyP50, "%.3f", line: line("enqueue-to-start p50:", String(format: "%9.3f ms", latencyP50)))
        figures.add("latency_p99_ms", latencyP99, "%.3f", line: line("enqueue-to-start p99:", String(format: "%9.3f ms", latencyP99)))
        figures.add(
            "latency_handed_over", handedOverShare, "%.2f",
            line: line("  handed straight to a worker:", String(format: "%9.0f %%", 100 * handedOverShare)))
        figures.add("peak_rss_mb", peakRSS, "%.1f", line: line("peak RSS:", String(format: "%9.1f MB", peakRSS)))
        figures.add(
            "round_trips_per_job", roundTripsPerJob, "%.2f", line: line("Redis round trips/job:", String(format: "%9.2f", roundTripsPerJob)))
        if let referencePerSecond { figures.add("enqueue_redis_benchmark_per_s", Int(referencePerSecond)) }
        figures.print(load.output)
    }

    /// Runs a pool while `body` runs, then stops it gracefully.
    private func withPool<T: Sendable>(
        queue: JobQueue, options: WorkerPoolOptions, logger: Logger, handler: @escaping WorkerPool.Handler,
        _ body: () async throws -> T
    ) async throws -> T {
        let pool = WorkerPool(queue: queue, options: options, logger: logger, handler: handler)
        let running = Task { await pool.run() }
        let result = try await body()
        pool.stop()
        await running.value
        return result
    }

    static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p + 0.5))]
    }
}

/// Counts handler calls and wakes one waiter when the target is reached.
final class DrainCounter: Sendable {
    private let state: Mutex<(count: Int, waiter: CheckedContinuation<Void, Never>?)> = Mutex((0, nil))
    private let target: Int

    init(target: Int) { self.target = target }

    func hit() {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.count += 1
            guard s.count == target else { return nil }
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let done = state.withLock { s -> Bool in
                if s.count >= target { return true }
                s.waiter = continuation
                return false
            }
            if done { continuation.resume() }
        }
    }
}
