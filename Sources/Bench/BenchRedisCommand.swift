import ArgumentParser
import CommandSupport
import Engine
import Foundation

/// `crontui bench redis`: our Redis layer's round trips beside `redis-benchmark`, in the same run.
package struct BenchRedisCommand: AsyncParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "redis",
        abstract: "Sequential PING round trips/s and 16-deep pipelined commands/s, beside redis-benchmark."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Commands per measurement.")
    var requests: Int = 100_000

    @OptionGroup var output: JSONOutputOption

    package func validate() throws {
        try UsageError.checking {
            try UsageError.check("--requests", requests, in: 10_000...10_000_000)
        }
    }

    package func run() async throws {
        let endpoint = try connection.configuration().redis
        let redis = RedisConnection(endpoint: endpoint)
        defer { redis.close() }
        do {
            try await redis.send("PING")
        } catch {
            throw RuntimeError("cannot reach Redis at \(endpoint): \(error.message)")
        }
        let clock = ContinuousClock()

        // The machine's speed drifts from second to second, so the three sequential measurements
        // take turns, in rounds, and each total is compared: ours from a task on the connection's own
        // thread (how a sequential caller should use it), ours from a task on the shared pool, and
        // redis-benchmark's.
        let rounds = 10
        let perRound = requests / rounds
        var onThread = Duration.zero
        var shared = Duration.zero
        var referenceSeconds: Double? = 0
        for _ in 0..<rounds {
            var start = clock.now
            try await withTaskExecutorPreference(redis.executor) {
                for _ in 0..<perRound { try await redis.send(RedisCommand("PING")) }
            }
            onThread += clock.now - start
            start = clock.now
            for _ in 0..<perRound { try await redis.send(RedisCommand("PING")) }
            shared += clock.now - start
            if let sum = referenceSeconds, let rate = Self.redisBenchmark(endpoint: endpoint, requests: perRound) {
                referenceSeconds = sum + Double(perRound) / rate
            } else {
                referenceSeconds = nil
            }
        }
        let sequential = Double(perRound * rounds) / onThread.seconds
        let sequentialShared = Double(perRound * rounds) / shared.seconds
        let reference = referenceSeconds.map { Double(perRound * rounds) / $0 }

        // Pipelined: batches of 16 PINGs, each batch one write.
        let batch = Array(repeating: RedisCommand("PING"), count: 16)
        let start = clock.now
        for _ in 0..<(requests / 16) { _ = try await redis.pipeline(batch) }
        let pipelined = Double(requests / 16 * 16) / (clock.now - start).seconds

        var figures = BenchFigures("crontui redis layer, \(requests) PINGs against \(endpoint)")
        figures.add(
            "sequential_per_s", Int(sequential),
            line: String(format: "sequential round trips:   %9.0f /s  (on the connection's thread)", sequential))
        figures.add(
            "sequential_shared_pool_per_s", Int(sequentialShared), line: String(format: "same, from the shared pool: %7.0f /s", sequentialShared))
        figures.add(
            "pipelined16_per_s", Int(pipelined),
            line: String(format: "pipelined (16 deep):      %9.0f /s  (%.1f x sequential)", pipelined, pipelined / sequential))
        if let reference {
            figures.add(
                "redis_benchmark_per_s", Int(reference),
                line: String(format: "redis-benchmark -P 1 -c 1 -t ping: %9.0f /s  (ours: %.0f%%)", reference, 100 * sequential / reference))
        } else {
            figures.add(line: "redis-benchmark: not available (install redis-tools) or not on TCP")
        }
        figures.print(output)
    }

    /// Runs `redis-benchmark -P 1 -c 1` with `command` (PING when nil) and returns its rate, or nil
    /// when it is not installed or Redis is not on TCP.
    static func redisBenchmark(endpoint: RedisEndpoint, requests: Int, command: [String]? = nil) -> Double? {
        guard let host = endpoint.host else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["redis-benchmark", "-h", host, "-p", "\(endpoint.port)", "-P", "1", "-c", "1", "-n", "\(requests)", "--csv"]
        if let password = endpoint.password { arguments += ["-a", password] }
        if endpoint.database != 0 { arguments += ["--dbnum", "\(endpoint.database)"] }
        arguments += command ?? ["-t", "ping"]
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        for line in output.split(separator: "\n") where command != nil || line.hasPrefix("\"PING_MBULK\"") {
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            if fields.count > 1, let rate = Double(fields[1]) { return rate }
        }
        return nil
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
