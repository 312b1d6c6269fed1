import ArgumentParser
import Engine
import Foundation

/// `crontui bench redis`: our Redis layer's round trips beside `redis-benchmark`, in the same run.
struct BenchRedisCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redis",
        abstract: "Sequential PING round trips/s and 16-deep pipelined commands/s, beside redis-benchmark."
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Commands per measurement.")
    var requests: Int = 100_000

    @Flag(help: "Print one JSON object.")
    var json = false

    func validate() throws {
        try UsageError.checking {
            guard (1_000...10_000_000).contains(requests) else { throw UsageError("--requests: must be in 1000-10000000") }
        }
    }

    func run() async throws {
        let endpoint = try connection.configuration().redis
        let redis = RedisConnection(endpoint: endpoint)
        defer { redis.close() }
        do {
            try await redis.send("PING")
        } catch {
            throw RuntimeError("cannot reach Redis at \(endpoint): \(error.message)")
        }
        let clock = ContinuousClock()

        // Sequential: one PING, await its reply, the next; first from a task on the connection's
        // own thread (how a sequential caller should use it), then from one on the shared pool.
        var start = clock.now
        try await withTaskExecutorPreference(redis.executor) {
            for _ in 0..<requests { try await redis.send(RedisCommand("PING")) }
        }
        let sequential = Double(requests) / (clock.now - start).seconds
        start = clock.now
        for _ in 0..<requests { try await redis.send(RedisCommand("PING")) }
        let sequentialShared = Double(requests) / (clock.now - start).seconds

        // Pipelined: batches of 16 PINGs, each batch one write.
        let batch = Array(repeating: RedisCommand("PING"), count: 16)
        start = clock.now
        for _ in 0..<(requests / 16) { _ = try await redis.pipeline(batch) }
        let pipelined = Double(requests / 16 * 16) / (clock.now - start).seconds

        let reference = Self.redisBenchmark(endpoint: endpoint, requests: requests)
        if json {
            var fields = [
                "\"sequential_per_s\": \(Int(sequential))",
                "\"sequential_shared_pool_per_s\": \(Int(sequentialShared))",
                "\"pipelined16_per_s\": \(Int(pipelined))",
            ]
            if let reference { fields.append("\"redis_benchmark_per_s\": \(Int(reference))") }
            print("{" + fields.joined(separator: ", ") + "}")
        } else {
            print("crontui redis layer, \(requests) PINGs against \(endpoint)")
            print(String(format: "  sequential round trips:   %9.0f /s  (on the connection's thread)", sequential))
            print(String(format: "  same, from the shared pool: %7.0f /s", sequentialShared))
            print(String(format: "  pipelined (16 deep):      %9.0f /s  (%.1f x sequential)", pipelined, pipelined / sequential))
            if let reference {
                print(String(format: "  redis-benchmark -P 1 -c 1 -t ping: %9.0f /s  (ours: %.0f%%)", reference, 100 * sequential / reference))
            } else {
                print("  redis-benchmark: not available (install redis-tools) or not on TCP")
            }
        }
    }

    /// Runs `redis-benchmark -P 1 -c 1 -t ping` and returns its PING_MBULK rate (the same RESP
    /// command we send).
    static func redisBenchmark(endpoint: RedisEndpoint, requests: Int) -> Double? {
        guard let host = endpoint.host else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var arguments = ["redis-benchmark", "-h", host, "-p", "\(endpoint.port)", "-P", "1", "-c", "1", "-t", "ping", "-n", "\(requests)", "--csv"]
        if let password = endpoint.password { arguments += ["-a", password] }
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        for line in output.split(separator: "\n") where line.hasPrefix("\"PING_MBULK\"") {
            let fields = line.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) }
            if fields.count > 1 { return Double(fields[1]) }
        }
        return nil
    }
}

extension Duration {
    /// The duration in seconds, as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
