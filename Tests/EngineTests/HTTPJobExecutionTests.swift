import Demo
import Foundation
import Logging
import Synchronization
import TestSupport
import Testing

@testable import Engine

/// HTTP jobs end to end: queue, worker pool, executor against a real local target, and the
/// execution history in PostgreSQL.
// One test at a time: each starts servers, clients and schemas (and some spawn the binary), and
// run all at once they starve the timing-sensitive suites on a 2-core machine.
@Suite(.enabled(if: TestServices.enabled), .serialized)
struct HTTPJobExecutionTests {
    @Test func serverErrorsThenSuccessAreThreeAttemptsWithTheBackoff() async throws {
        try await ScriptedTarget.with({ n, _ in n < 2 ? .json(500, "{}") : .json(200, #"{"ok":true}"#) }) { target, base in
            try await HTTPHarness.run { h in
                let id = try await h.enqueue(base + "/job", attempts: 3, backoff: .fixed(.milliseconds(300)))
                let rows = try await h.finishedExecutions(of: id, count: 3)
                #expect(rows.map(\.attempt) == [1, 2, 3])
                #expect(rows.map(\.status) == [.retrying, .retrying, .succeeded])
                #expect(rows.map(\.httpStatus) == [500, 500, 200])
                #expect(rows.map(\.trigger) == [.manual, .retry, .retry])
                #expect(rows.allSatisfy { $0.maxAttempts == 3 && $0.jobID == id })
                #expect(rows.last?.responseBody == Data(#"{"ok":true}"#.utf8))
                // The row is written before the job's completion reaches the queue.
                #expect(try await QueueFixture.eventually { try await h.queue.job(id)?.state == .completed })
                let times = target.received.map(\.at)
                #expect(times.count == 3)
                for i in 1..<times.count { #expect(times[i] - times[i - 1] >= .milliseconds(300)) }
            }
        }
    }

    @Test func hangingTargetTimesOutRetriesThenFailsForGood() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}", delay: .seconds(30)) }) { target, base in
            try await HTTPHarness.run { h in
                let id = try await h.enqueue(base + "/hang", attempts: 2, backoff: .fixed(.milliseconds(50)), timeoutMs: 300)
                let rows = try await h.finishedExecutions(of: id, count: 2)
                #expect(rows.map(\.status) == [.timedOut, .timedOut])
                #expect(rows.map(\.willRetry) == [true, false])
                #expect(rows.allSatisfy { $0.errorKind == .timeout && $0.httpStatus == nil && $0.outcome == .retryable })
                #expect(rows.allSatisfy { ($0.durationMs ?? 0) >= 300 && ($0.durationMs ?? 0) < 3_000 })
                #expect(try await QueueFixture.eventually { try await h.queue.job(id)?.state == .failed })
                #expect(target.received.count == 2)
            }
        }
    }

    @Test func notFoundIsOneAttemptWithoutRetry() async throws {
        try await ScriptedTarget.with({ _, _ in .json(404, #"{"error":"nope"}"#) }) { target, base in
            try await HTTPHarness.run { h in
                let id = try await h.enqueue(base + "/missing", attempts: 5)
                #expect(try await QueueFixture.eventually { try await h.queue.job(id)?.state == .failed })
                let rows = try await h.finishedExecutions(of: id, count: 1)
                #expect(rows.count == 1)
                #expect(rows[0].status == .failed)
                #expect(rows[0].outcome == .permanent)
                #expect(rows[0].httpStatus == 404)
                #expect(try await h.queue.job(id)?.attemptsMade == 1)
                #expect(target.received.count == 1)
            }
        }
    }

    @Test func tooManyRequestsWaitsForRetryAfter() async throws {
        try await ScriptedTarget.with({ n, _ in n == 0 ? .json(429, "{}", headers: [("Retry-After", "1")]) : .json(200, "{}") }) { target, base in
            try await HTTPHarness.run { h in
                let id = try await h.enqueue(base + "/limited", attempts: 3, backoff: .fixed(.milliseconds(10)))
                let rows = try await h.finishedExecutions(of: id, count: 2)
                #expect(rows.map(\.status) == [.retrying, .succeeded])
                #expect(rows[0].httpStatus == 429)
                let times = target.received.map(\.at)
                #expect(times.count == 2)
                #expect(times[1] - times[0] >= .seconds(1))
                #expect(times[1] - times[0] < .seconds(3))
            }
        }
    }

    @Test func invalidURLAndRefusedConnectionAreClassified() async throws {
        try await HTTPHarness.run { h in
            let invalid = try await h.enqueue("ftp://example.invalid/x", attempts: 3)
            let refused = try await h.enqueue("http://127.0.0.1:1/x", attempts: 2, backoff: .fixed(.milliseconds(10)))
            let a = try await h.finishedExecutions(of: invalid, count: 1)
            #expect(a.count == 1)
            #expect(a[0].outcome == .permanent && a[0].errorKind == .invalidRequest && a[0].status == .failed)
            let b = try await h.finishedExecutions(of: refused, count: 2)
            #expect(b.map(\.status) == [.retrying, .failed])
            #expect(b.allSatisfy { $0.errorKind == .connection })
            #expect(b.allSatisfy { $0.error == "cannot connect to 127.0.0.1:1: connection refused" }, "\(b.map(\.error))")
        }
    }

    /// Redirects that never end are a permanent failure, said in words.
    @Test func aRedirectLoopIsAPermanentFailureSaidInWords() async throws {
        try await ScriptedTarget.with({ _, request in
            .json(302, "", headers: [("Location", request.path == "/a" ? "/b" : "/a")])
        }) { target, base in
            try await HTTPHarness.run { h in
                let id = try await h.enqueue(base + "/a", attempts: 3)
                let rows = try await h.finishedExecutions(of: id, count: 1)
                #expect(rows.count == 1)
                #expect(rows.first?.outcome == .permanent && rows.first?.errorKind == .redirects)
                #expect(rows.first?.error == "redirect loop: a redirect leads back to a URL already visited", "\(rows.map(\.error))")
                #expect(target.received.count == 2)
            }
        }
    }

    @Test func traceIDIsTheOneSentInTraceparentAndInEveryLogLine() async throws {
        try await ScriptedTarget.with({ n, _ in n == 0 ? .json(503, "{}") : .json(200, "{}") }) { target, base in
            try await HTTPHarness.run { h in
                let id = try await h.enqueue(base + "/traced", attempts: 2, backoff: .fixed(.milliseconds(10)), scheduleID: nil)
                let rows = try await h.finishedExecutions(of: id, count: 2)
                let job = try #require(try await h.queue.job(id))
                let sent = target.received.compactMap { $0.request.header("traceparent") }
                #expect(sent.count == 2)
                #expect(sent.allSatisfy { TraceParent.traceID(in: $0) == job.traceID })
                #expect(Set(sent).count == 2, "each attempt has a span of its own")
                #expect(rows.allSatisfy { $0.traceID == job.traceID })
                #expect(target.received.allSatisfy { $0.request.header("user-agent") == "crontui/\(CrontuiVersion.string)" })
                let jobLines = h.logs.all.filter { $0.metadata["job_id"]?.description == id }
                #expect(jobLines.count >= 2)
                for line in jobLines {
                    #expect(line.metadata["trace_id"]?.description == job.traceID)
                    for key in ["schedule_id", "attempt", "event"] { #expect(line.metadata[key] != nil, "\(key) missing from '\(line.message)'") }
                }
            }
        }
    }

    @Test func secretsAreMaskedInHistoryAndLogs() async throws {
        let secret = "s3cr3t-token-value"
        let target: @Sendable (Int, LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response = { _, _ in
            .json(
                200, "{}",
                headers: [
                    ("Set-Cookie", "session=\(secret)"), ("X-Api-Key", secret), ("X-Custom-Secret", secret), ("X-Plain", "visible"),
                    ("Location", "https://dave:\(secret)@elsewhere.test/next?sig=\(secret)&page=2"),
                ])
        }
        try await ScriptedTarget.with(target) { target, base in
            var options = HTTPExecutorOptions()
            options.redaction = Redaction(extraSensitiveHeaders: ["X-Custom-Secret"])
            try await HTTPHarness.run(executorOptions: options) { h in
                let id = try await h.enqueue(
                    base.replacingOccurrences(of: "http://", with: "http://user:\(secret)@") + "/s", headers: [["Authorization", "Bearer \(secret)"]])
                let rows = try await h.finishedExecutions(of: id, count: 1)
                let headers = try #require(rows.first?.responseHeaders)
                let map = Dictionary(headers.map { ($0[0].lowercased(), $0[1]) }, uniquingKeysWith: { a, _ in a })
                #expect(map["set-cookie"] == "***")
                #expect(map["x-api-key"] == "***")
                #expect(map["x-custom-secret"] == "***")
                #expect(map["x-plain"] == "visible")
                // Any header's value can carry a URL with secrets: a redirect's, a signed link.
                #expect(map["location"] == "https://dave:***@elsewhere.test/next?sig=***&page=2")
                #expect(!(rows.first?.url.contains(secret) ?? true))
                #expect(target.received.first?.request.header("authorization") == "Bearer \(secret)")
                let logged = h.logs.all.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
                #expect(logged.contains("http.request"), "requests are logged at debug")
                #expect(!logged.contains(secret))
            }
        }
    }

    @Test func hostileBodiesAreStoredSafelyAndTruncated() async throws {
        let escapes = Array("\u{1b}[2J\u{1b}]0;owned\u{07}\u{1b}[31mred\r\n".utf8)
        let big = [UInt8](repeating: UInt8(ascii: "A"), count: 10 * 1024 * 1024)
        let invalidUTF8: [UInt8] = [0xFF, 0xFE, 0x00, 0xC3, 0x28, 0x80, 0x00, 0x41]
        // `gzip` of "hello crontui\n".
        let gzip: [UInt8] = [
            0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57, 0x48, 0x2e, 0xca, 0xcf, 0x2b,
            0x29, 0xcd, 0xe4, 0x02, 0x00, 0xc4, 0xcf, 0xd6, 0xb0, 0x0e, 0x00, 0x00, 0x00,
        ]
        let bodies: [String: LoopbackHTTPServer.Response] = [
            "/escapes": .init(status: 200, headers: [("Content-Type", "text/plain")], body: escapes),
            "/big": .init(status: 200, headers: [("Content-Type", "application/octet-stream")], body: big),
            "/binary": .init(status: 200, headers: [("Content-Type", "application/octet-stream")], body: invalidUTF8),
            "/gzip": .init(status: 200, headers: [("Content-Type", "text/plain"), ("Content-Encoding", "gzip")], body: gzip),
        ]
        try await ScriptedTarget.with({ _, request in bodies[request.path] ?? .json(404, "{}") }) { _, base in
            var options = HTTPExecutorOptions()
            options.responseBodyLimit = 1_024
            try await HTTPHarness.run(executorOptions: options) { h in
                for (path, response) in bodies {
                    let id = try await h.enqueue(base + path)
                    let row = try #require(try await h.finishedExecutions(of: id, count: 1).first)
                    #expect(row.status == .succeeded, "\(path)")
                    #expect(row.responseSize == Int64(response.body.count), "\(path)")
                    #expect(row.responseBody == Data(response.body.prefix(1_024)), "\(path): stored byte for byte, cut at the limit")
                }
            }
        }
    }

    @Test func aRerunIsRecordedWithTriggerRerunAndItsOrigin() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}") }) { _, base in
            try await HTTPHarness.run { h in
                let id = try await h.enqueue(base + "/again", trigger: .cron)
                _ = try await h.finishedExecutions(of: id, count: 1)
                #expect(try await QueueFixture.eventually { try await h.queue.job(id)?.state == .completed })
                let copy = try await h.queue.rerun(id)
                let rows = try await h.finishedExecutions(of: copy, count: 1)
                #expect(rows.first?.trigger == .rerun)
                #expect(rows.first?.rerunOf == id)
                #expect(try await h.executions(of: id).first?.trigger == .cron)
            }
        }
    }

    @Test func unreachableDatabaseParksRecordsInTheOutboxAndReplaysThemOnce() async throws {
        let outage = Outage()
        try await ScriptedTarget.with({ _, _ in .json(200, "{}") }) { _, base in
            var recorderOptions = ExecutionRecorderOptions()
            recorderOptions.retryInterval = .milliseconds(100)
            recorderOptions.batchSize = 50
            try await HTTPHarness.run(recorderOptions: recorderOptions, concurrency: 10, wrap: { outage.wrap($0) }) { h in
                outage.down.store(true, ordering: .sequentiallyConsistent)
                var ids: [String] = []
                for i in 0..<200 { ids.append(try await h.enqueue(base + "/ok", id: "o\(i)")) }
                #expect(try await QueueFixture.eventually { try await h.queue.stats().completed == 200 }, "workers go on without PostgreSQL")
                #expect(try await QueueFixture.eventually { try await h.outbox.count() > 0 })
                #expect(try await h.store.count() == 0)
                // Some records are parked twice (the start, then the end) and one more batch may
                // land once the database is back: all of it must come out as one row per attempt.
                outage.down.store(false, ordering: .sequentiallyConsistent)
                #expect(try await QueueFixture.eventually { try await h.outbox.count() == 0 })
                #expect(try await QueueFixture.eventually { try await h.store.count() == 200 })
                let rows = try await h.store.page(ExecutionQuery(limit: 1_000)).records
                #expect(Set(rows.map(\.jobID)) == Set(ids))
                #expect(rows.allSatisfy { $0.status == .succeeded })
                #expect(h.recorder.statistics.recordsOutboxed > 0)
                // Replaying the same records again changes nothing.
                _ = try await h.store.write(rows)
                #expect(try await h.store.count() == 200)
            }
        }
    }

    @Test func deadDatabasePortGoesToTheOutbox() async throws {
        // A real store whose server is not there at all.
        try await ScriptedTarget.with({ _, _ in .json(200, "{}") }) { _, base in
            let dead = PostgresExecutionStore(pool: PostgresPool(endpoint: try PostgresEndpoint(url: "postgres://crontui@127.0.0.1:1/crontui")))
            var recorderOptions = ExecutionRecorderOptions()
            recorderOptions.retryInterval = .seconds(60)
            try await HTTPHarness.run(recorderOptions: recorderOptions, wrap: { _ in dead }) { h in
                let id = try await h.enqueue(base + "/ok")
                #expect(try await QueueFixture.eventually { try await h.queue.job(id)?.state == .completed })
                await h.recorder.flush()
                let parked = try await h.outbox.peek(10).compactMap(\.record)
                #expect(parked.contains { $0.jobID == id && $0.status == .succeeded })
            }
        }
    }
}

/// A store that fails as if PostgreSQL were unreachable while `down` is set.
final class Outage: Sendable {
    let down = Atomic<Bool>(false)

    struct Store: ExecutionStore {
        let real: PostgresExecutionStore
        let outage: Outage
        func write(_ records: [ExecutionRecord]) async throws(PostgresError) -> Int {
            if outage.down.load(ordering: .sequentiallyConsistent) {
                throw PostgresError(code: .connectionFailed, message: "connection refused (simulated)")
            }
            return try await real.write(records)
        }
    }

    func wrap(_ store: PostgresExecutionStore) -> any ExecutionStore { Store(real: store, outage: self) }
}
