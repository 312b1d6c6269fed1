import Engine
import Foundation
import Synchronization

/// The routes of the demo target that `crontui demo` schedules point at, so a fresh install shows
/// successes, retries and failures within a minute:
///
/// | path | answer |
/// |---|---|
/// | `/ok` | 200 with a small JSON body |
/// | `/fail` | 500 |
/// | `/slow?ms=N` | 200 after N ms (default 60,000: past any sensible timeout) |
/// | `/ratelimited?after=S` | 429 with `Retry-After: S` (default 2) |
/// | `/flaky?key=K&failures=N` | 500 N times (default 2), then 200, and again, counted per key |
/// | `/notfound`, anything else | 404 |
public final class DemoTarget: Sendable {
    private let calls = Mutex<[String: Int]>([:])

    /// A target with fresh counters.
    public init() {}

    /// Answers one request.
    public func respond(_ request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response {
        switch request.path {
        case "/ok":
            return .json(200, #"{"ok":true}"#)
        case "/fail":
            return .json(500, #"{"error":"the demo target fails on purpose"}"#)
        case "/slow":
            let ms = request.query["ms"].flatMap(Int64.init).map { min(max($0, 0), 3_600_000) } ?? 60_000
            return .json(200, #"{"ok":true,"slow":true}"#, delay: .milliseconds(ms))
        case "/ratelimited":
            let after = request.query["after"].flatMap(Int.init).map { min(max($0, 0), 3_600) } ?? 2
            return .json(429, #"{"error":"slow down"}"#, headers: [("Retry-After", String(after))])
        case "/flaky":
            let failures = request.query["failures"].flatMap(Int.init).map { min(max($0, 0), 100) } ?? 2
            let key = request.query["key"] ?? ""
            let n = calls.withLock { c -> Int in
                defer { c[key, default: 0] += 1 }
                return c[key, default: 0]
            }
            return n % (failures + 1) < failures ? .json(500, #"{"error":"flaky"}"#) : .json(200, #"{"ok":true,"flaky":true}"#)
        default:
            return .json(404, #"{"error":"not found"}"#)
        }
    }

    /// Serves the target on 127.0.0.1:`port` (0: any free port).
    public func serve(port: Int) async throws -> LoopbackHTTPServer {
        try await LoopbackHTTPServer.start(port: port) { self.respond($0) }
    }
}
