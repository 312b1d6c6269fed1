import Engine
import Foundation
import Synchronization
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `crontui serve` against clients that connect and never finish: 1,000 half-sent requests
/// on 127.0.0.1 do not keep `/healthz` from answering quickly, each gets 408 at the request deadline,
/// the server's descriptors come back down, and a server at its connection cap says so in its log.
@Suite(.enabled(if: TestServices.enabled && TestDatabaseURL.enabled), .serialized)
// "TimingTests" in the name: `make test` runs it after the rest, on its own, as a load test should.
struct SlowClientTimingTests {
    /// A running `crontui serve` with its log.
    struct Serve {
        let pid: pid_t
        let port: Int
        let log: String

        func openDescriptors() -> Int {
            (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
        }

        func logText() -> String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
    }

    /// Runs `body` with a `crontui serve` started with `environment`, then stops it with SIGTERM.
    static func withServe(_ environment: [String: String], _ body: (Serve) async throws -> Void) async throws {
        let queueName = TestServices.uniqueName("slowclient")
        try await TestDatabaseURL.withSchema { url in
            let port = try ServeAPITests.freePort()
            let log = FileManager.default.temporaryDirectory.appendingPathComponent(queueName + ".log").path
            let logFD = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            defer { close(logFD) }
            var env: [String: String?] = [
                "DATABASE_URL": url, "QUEUE_NAME": queueName, "API_TOKEN": nil, "API_HOST": nil, "API_PORT": nil, "API_TOKENS_FILE": nil,
            ]
            for (key, value) in environment { env[key] = value }
            let pid = try ProcessRunner.spawn(
                ["serve", "--api-port", String(port), "--concurrency", "1", "--grace-period", "2"], environment: env, stdout: logFD, stderr: logFD)
            var running = true
            defer {
                if running {
                    kill(pid, SIGKILL)
                    ProcessRunner.wait(pid)
                }
            }
            let ready = try await QueueFixture.eventually(timeout: .seconds(30)) {
                (try? await HTTPTestClient.request(port: port, "GET", "/healthz"))?.status == 200
            }
            try #require(ready, "crontui serve did not answer /healthz; see \(log)")
            try await body(Serve(pid: pid, port: port, log: log))
            kill(pid, SIGTERM)
            let status = try await ServeAPITests.exitStatus(pid, within: .seconds(30))
            running = status == nil
            #expect(status == 0, "see \(log)")
        }
        let redis = RedisClient(endpoint: try TestServices.redisEndpoint())
        try await JobQueue(name: queueName, redis: redis).destroy()
        redis.close()
    }

    /// `count` connections to `port`, each having sent half a request head; on a thread of its own.
    static func halfSentRequests(_ count: Int, port: Int) async throws -> [Int32] {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                var fds: [Int32] = []
                do {
                    for _ in 0..<count {
                        let fd = try HTTPTestClient.connect(port: port)
                        fds.append(fd)
                        try HTTPTestClient.send(fd, Array("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: ".utf8))
                    }
                    continuation.resume(returning: fds)
                } catch {
                    for fd in fds { close(fd) }
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    /// How long one `/healthz` takes, on a fresh connection.
    static func healthzLatency(port: Int) async throws -> Duration {
        let start = ContinuousClock.now
        let response = try await HTTPTestClient.request(port: port, "GET", "/healthz")
        guard response.status == 200 else { throw HTTPTestClient.Failure(description: "/healthz answered \(response.status)") }
        return ContinuousClock.now - start
    }

    @Test func aThousandHalfSentRequestsDoNotStopHealthz() async throws {
        try await Self.withServe(["API_REQUEST_TIMEOUT": "20", "API_IDLE_TIMEOUT": "20"]) { serve in
            let baseline = serve.openDescriptors()
            try #require(baseline > 0)
            let opened = ContinuousClock.now
            let clients = try await Self.halfSentRequests(1_000, port: serve.port)
            defer { for fd in clients { close(fd) } }
            let held = await QueueFixture.eventually(timeout: .seconds(5)) { serve.openDescriptors() >= baseline + 950 }
            #expect(held, "the server holds \(serve.openDescriptors()) descriptors, \(baseline) before")

            var latencies: [Duration] = []
            for _ in 0..<10 { latencies.append(try await Self.healthzLatency(port: serve.port)) }
            let stillHeld = serve.openDescriptors()
            let measuredWithin = ContinuousClock.now - opened
            #expect(stillHeld >= baseline + 950, "the slow clients were let go before the measurement ended")
            #expect(measuredWithin < .seconds(20), "the measurement took longer than the request deadline")
            let sorted = latencies.sorted()
            #expect(sorted[sorted.count / 2] < .milliseconds(100), "/healthz latencies under 1,000 half-sent requests: \(sorted)")
            #expect(sorted.last! < .seconds(1), "/healthz latencies under 1,000 half-sent requests: \(sorted)")
            print("slow clients: descriptors \(baseline) before, \(stillHeld) held; /healthz median \(sorted[sorted.count / 2]), max \(sorted.last!)")

            // At the deadline each gets 408 and is closed; the descriptors come back.
            var after = serve.openDescriptors()
            let released = await QueueFixture.eventually(timeout: .seconds(45)) {
                after = serve.openDescriptors()
                return after <= baseline + 10
            }
            #expect(released, "descriptors: \(baseline) before, \(after) after the deadline")
            print("slow clients: descriptors back to \(after) after \(ContinuousClock.now - opened)")
            for fd in clients.prefix(5) {
                var chunk = [UInt8](repeating: 0, count: 1_024)
                let n = recv(fd, &chunk, chunk.count, Int32(MSG_DONTWAIT))
                let text = n > 0 ? String(decoding: chunk[0..<n], as: UTF8.self) : ""
                #expect(text.hasPrefix("HTTP/1.1 408"), "a timed-out client read: \(text.prefix(80))")
            }
            #expect(try await Self.healthzLatency(port: serve.port) < .seconds(1))
        }
    }

    @Test func theConnectionCapIsLoggedAndReleased() async throws {
        try await Self.withServe(["API_REQUEST_TIMEOUT": "2", "API_MAX_CONNECTIONS": "32"]) { serve in
            let clients = try await Self.halfSentRequests(40, port: serve.port)
            defer { for fd in clients { close(fd) } }
            let logged = await QueueFixture.eventually(timeout: .seconds(10)) {
                serve.logText().contains("API connection limit reached: 32 connections open")
            }
            #expect(logged, "no connection-limit line in \(serve.log)")
            // Once the slow ones time out, the waiting ones and everyone else get in.
            let answered = await QueueFixture.eventually(timeout: .seconds(20)) {
                (try? await Self.healthzLatency(port: serve.port)) != nil
            }
            #expect(answered)
            #expect(serve.logText().components(separatedBy: "API connection limit reached").count - 1 == 1, "the limit line repeats")
        }
    }
}
