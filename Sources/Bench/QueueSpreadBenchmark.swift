import CommandSupport
import Engine
import Foundation
import Logging

/// `crontui bench queue --queues N`: no-op jobs spread over N queues, each with its own hash tag,
/// drained at once by one pool per queue (in this process, or in `processes` worker processes), on
/// one Redis or on a Redis Cluster (where the queue names are chosen to fall evenly on the masters). It reports the drain rate, the Redis CPU each job cost (summed
/// over the masters) and how the jobs fell on the masters.
struct QueueSpreadBenchmark {
    /// The Redis server or cluster.
    var endpoint: RedisEndpoint
    /// The `--redis-url` given on the command line, passed on to worker processes.
    var redisURL: String?
    /// Queues.
    var queues: Int
    /// Jobs in all, spread evenly.
    var jobs: Int
    /// Jobs run at once per process, shared among the queues (at least one per queue).
    var concurrency: Int
    /// Worker processes; 1 drains in this process.
    var processes: Int
    /// Payload size of each job.
    var payloadBytes: Int

    /// Runs it.
    func run() async throws -> BenchFigures {
        let redis = endpoint.makeClient(poolSize: 2)
        defer { redis.close() }
        var options = QueueOptions()
        options.keepCompleted = 0
        let base = "bench-" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
        do {
            try await JobQueue(name: base, redis: redis, options: options).destroy()
        } catch {
            throw RuntimeError("cannot reach Redis at \(endpoint): \(error)")
        }

        // On a cluster, the queue names are chosen so that the queues fall evenly on the masters (as
        // an operator names queues knowing their slots); one server holds them all.
        let masters: [RedisEndpoint]
        var names: [String] = []
        var owner: [Int] = []
        if let cluster = redis as? RedisClusterClient, let map = cluster.map {
            masters = map.masters.map { RedisEndpoint(host: $0.host, port: $0.port, username: endpoint.username, password: endpoint.password) }
            var held = [Int](repeating: 0, count: masters.count)
            let fair = (queues + masters.count - 1) / masters.count
            var candidate = 0
            while names.count < queues {
                let name = "\(base)-q\(candidate)"
                candidate += 1
                let node = map.master(forSlot: RedisHashSlot.of(JobQueue(name: name, redis: redis).keys.wait))
                let index = map.masters.firstIndex { $0 == node } ?? 0
                guard held[index] < fair else { continue }
                held[index] += 1
                names.append(name)
                owner.append(index)
            }
        } else {
            masters = [endpoint]
            names = (0..<queues).map { "\(base)-q\($0)" }
            owner = Array(repeating: 0, count: queues)
        }
        let all = names.map { JobQueue(name: $0, redis: redis, options: options) }

        let payload = [UInt8](repeating: UInt8(ascii: "x"), count: payloadBytes)
        let cpuBefore: [Double]
        let seconds: Double
        do {
            for (index, queue) in all.enumerated() {
                for start in stride(from: 0, to: share(index), by: 1_000) {
                    try await queue.enqueue((start..<min(share(index), start + 1_000)).map { _ in NewJob(payload: payload) })
                }
            }
            cpuBefore = try await Self.cpuSeconds(masters)
            let clock = ContinuousClock()
            let start = clock.now
            if processes == 1 {
                try await drainHere(all)
            } else {
                try await drainInWorkers(all)
            }
            seconds = (clock.now - start).seconds
        } catch {
            for queue in all { try? await queue.destroy() }
            throw error
        }
        let cpu = try await Self.cpuSeconds(masters)
        for queue in all { try await queue.destroy() }
        var perMaster = [Int](repeating: 0, count: masters.count)
        for index in 0..<queues { perMaster[owner[index]] += share(index) }
        // Per master, the CPU it spent per job drained (all jobs, whichever master ran them).
        let cpuPerJob = zip(cpu, cpuBefore).map { ($0 - $1) * 1_000_000 / Double(jobs) }
        let totalCPUPerJob = cpuPerJob.reduce(0, +)
        let drainPerSecond = Double(jobs) / seconds
        var figures = BenchFigures(
            "queue spread benchmark: \(jobs) no-op jobs over \(queues) queues, \(processes) process(es), \(masters.count) master(s)")
        figures.add("jobs", jobs)
        figures.add("queues", queues)
        figures.add("processes", processes)
        figures.add("masters", masters.count)
        figures.add("drain_per_s", Int(drainPerSecond), line: String(format: "drain:                        %9.0f jobs/s", drainPerSecond))
        figures.add(
            "redis_cpu_us_per_job", totalCPUPerJob, "%.1f",
            line: String(format: "Redis CPU per job:            %9.1f us (all masters)", totalCPUPerJob))
        figures.add("redis_cpu_us_per_job_by_master", "[\(cpuPerJob.map { String(format: "%.1f", $0) }.joined(separator: ", "))]")
        figures.add("jobs_by_master", "[\(perMaster.map(String.init).joined(separator: ", "))]")
        for (index, (count, used)) in zip(perMaster, cpuPerJob).enumerated() {
            figures.add(line: String(format: "master %d: %7d jobs, %6.1f us of CPU per job drained", index + 1, count, used))
        }
        return figures
    }

    /// The jobs of queue `index`: an even share, the first queues taking one more when it does not divide.
    private func share(_ index: Int) -> Int { jobs / queues + (index < jobs % queues ? 1 : 0) }

    /// Drains every queue with a pool of its own in this process.
    private func drainHere(_ all: [JobQueue]) async throws {
        let counter = DrainCounter(target: jobs)
        let logger = Logger.bench
        var poolOptions = WorkerPoolOptions()
        poolOptions.concurrency = max(1, concurrency / queues)
        let pools = all.map { WorkerPool(queue: $0, options: poolOptions, logger: logger) { _ in counter.hit() } }
        await withTaskGroup(of: Void.self) { group in
            for pool in pools { group.addTask { await pool.run() } }
            await counter.wait()
            for pool in pools { pool.stop() }
        }
    }

    /// Starts `processes` `crontui bench worker` processes on the queues and waits until the
    /// queues have counted every job completed.
    private func drainInWorkers(_ all: [JobQueue]) async throws {
        var arguments = ["bench", "worker", "--queues", all.map(\.name).joined(separator: ","), "--concurrency", "\(concurrency)"]
        if let redisURL { arguments += ["--redis-url", redisURL] }
        var workers: [Process] = []
        defer {
            for worker in workers where worker.isRunning { worker.terminate() }
            for worker in workers { worker.waitUntilExit() }
        }
        for _ in 0..<processes {
            let worker = Process()
            worker.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            worker.arguments = arguments
            worker.standardOutput = FileHandle.nullDevice
            try worker.run()
            workers.append(worker)
        }
        let deadline = ContinuousClock.now + .seconds(600)
        while true {
            var done = 0
            for queue in all { done += try await queue.stats().completedTotal }
            if done >= jobs { return }
            guard ContinuousClock.now < deadline, workers.allSatisfy(\.isRunning) else {
                throw RuntimeError("the worker processes completed \(done) of \(jobs) jobs")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Each master's CPU time so far (`INFO cpu`: user and system), in seconds.
    static func cpuSeconds(_ masters: [RedisEndpoint]) async throws -> [Double] {
        var seconds: [Double] = []
        for master in masters {
            let client = RedisClient(endpoint: master)
            defer { client.close() }
            let info = try await client.send("INFO", "cpu").string ?? ""
            var total = 0.0
            for line in info.split(whereSeparator: \.isNewline) {
                let parts = line.split(separator: ":")
                if parts.count == 2, parts[0] == "used_cpu_sys" || parts[0] == "used_cpu_user" { total += Double(parts[1]) ?? 0 }
            }
            seconds.append(total)
        }
        return seconds
    }
}
