import Engine
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `crontui serve` (the real binary) with its HTTP API: a schedule created over HTTP is stored,
/// listed, run now by the engine's workers, and its attempt shows in the history; SIGTERM stops it
/// all with exit status 0.
@Suite(.enabled(if: TestServices.enabled && TestDatabaseURL.enabled))
struct ServeAPITests {
    @Test func serveRunsAScheduleCreatedThroughTheAPI() async throws {
        let queueName = TestServices.uniqueName("serveapi")
        try await ScriptedTarget.with({ _, _ in .json(200, #"{"ok":true}"#) }) { target, base in
            try await TestDatabaseURL.withSchema { url in
                try await ServeProcess.with(
                    name: queueName, arguments: ["--concurrency", "2", "--grace-period", "5"],
                    environment: ["DATABASE_URL": url, "QUEUE_NAME": queueName]
                ) { serve in
                    try await Self.check(serve, queueName: queueName, target: target, base: base)
                }
            }
        }
        let redis = RedisClient(endpoint: try TestServices.redisEndpoint())
        try await JobQueue(name: queueName, redis: redis).destroy()
        redis.close()
    }

    private static func check(_ serve: ServeProcess, queueName: String, target: ScriptedTarget, base: String) async throws {
        let log = serve.log
        func request(_ method: String, _ path: String, json: String? = nil) async throws -> TestResponse {
            try await serve.request(method, path, json: json)
        }
        // The binary serves the OpenAPI document embedded from Sources/API/Resources, byte for byte.
        let document = try await request("GET", "/api/openapi.json")
        #expect(document.status == 200)
        #expect(document.text == (try OpenAPIDocumentTests.resourceText()))

        let body = #"{"name": "serve-check", "cron": "0 3 1 1 *", "url": "\#(base)/hook", "headers": ["Authorization: Bearer hook-secret"]}"#
        let created = try await request("POST", "/api/cron/schedules", json: body)
        #expect(created.status == 201, "\(created.text)")
        let id = try #require(created.object["id"] as? Int)
        #expect(created.object["headers"] as? [String] == ["Authorization: ***"])

        let list = try await request("GET", "/api/cron/schedules")
        let names = (list.object["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names == ["serve-check"])

        let run = try await request("POST", "/api/cron/schedules/\(id)/run")
        #expect(run.status == 202, "\(run.text)")
        let jobID = try #require(run.object["job_id"] as? String)

        var item: [String: Any]?
        let recorded = try await QueueFixture.eventually(timeout: .seconds(30)) {
            let page = try await request("GET", "/api/cron/jobs?job=\(jobID)")
            item = (page.object["items"] as? [[String: Any]])?.first
            return item?["status"] as? String == "succeeded"
        }
        #expect(recorded, "no finished attempt of \(jobID) in history: \(item ?? [:]); see \(log)")
        #expect(item?["schedule_id"] as? Int == id)
        #expect(item?["schedule_name"] as? String == "serve-check")
        #expect(item?["trigger"] as? String == "manual")
        #expect(item?["http_status"] as? Int == 200)
        #expect(target.received.count == 1)

        // An every-second schedule: the scheduler's and the executor's metrics move too.
        let tick = #"{"name": "tick", "cron": "* * * * * *", "url": "\#(base)/tick"}"#
        #expect(try await request("POST", "/api/cron/schedules", json: tick).status == 201)
        var samples: [String: Double] = [:]
        let moved = try await QueueFixture.eventually(timeout: .seconds(30)) {
            samples = MetricsAndHealthTests.samples(try await request("GET", "/metrics").text)
            return (samples[#"crontui_fire_lag_seconds_count{schedule="tick",queue="\#(queueName)"}"#] ?? 0) >= 2
                && (samples[#"crontui_http_responses_total{schedule="tick",queue="\#(queueName)",class="2xx"}"#] ?? 0) >= 1
        }
        #expect(moved, "metrics did not move: \(samples.filter { $0.key.hasPrefix("crontui_") })")
        #expect(samples[#"crontui_scheduler_leader{queue="\#(queueName)"}"#] == 1)
        #expect(samples[#"crontui_leader_changes_total{queue="\#(queueName)"}"#] == 1)
        #expect(samples[#"crontui_http_responses_total{schedule="serve-check",queue="\#(queueName)",class="2xx"}"#] == 1)

        #expect(try await serve.stop() == 0, "see \(log)")
    }

    /// A port free on 127.0.0.1 just now: bound to port 0, read back, released.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EMFILE) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw POSIXError(.EADDRINUSE) }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// The exit status of `pid` once it ends (128 + signal when a signal ended it), nil if it is
    /// still running after `timeout`. Polls without blocking a thread of the cooperative pool.
    static func exitStatus(_ pid: pid_t, within timeout: Duration) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}
