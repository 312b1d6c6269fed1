import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A real `crontui serve` with its HTTP API on a free loopback port, its output in a log file, and
/// the admin token of ``TestTokens``.
final class ServeProcess {
    /// The process.
    let pid: pid_t
    /// Its API port.
    let port: Int
    /// Where its standard output and error go.
    let log: String
    private var running = true

    private init(pid: pid_t, port: Int, log: String) {
        self.pid = pid
        self.port = port
        self.log = log
    }

    /// Starts `serve` with `arguments` and `environment` (besides the API's port and token), waits
    /// until `/readyz` answers 200, runs `body`, and kills the process if `body` did not
    /// ``stop()`` it.
    static func with(
        name: String, arguments: [String], environment: [String: String?], _ body: (ServeProcess) async throws -> Void
    ) async throws {
        let port = try ServeAPITests.freePort()
        let log = FileManager.default.temporaryDirectory.appendingPathComponent(name + ".log").path
        let logFD = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer { close(logFD) }
        var environment = environment
        for (key, value) in ["API_TOKEN": TestTokens.admin, "API_HOST": nil, "API_PORT": nil, "API_TOKENS_FILE": nil] as [String: String?]
        where environment[key] == nil {
            environment[key] = .some(value)
        }
        let pid = try ProcessRunner.spawn(["serve", "--api-port", String(port)] + arguments, environment: environment, stdout: logFD, stderr: logFD)
        let serve = ServeProcess(pid: pid, port: port, log: log)
        defer {
            if serve.running {
                kill(pid, SIGKILL)
                ProcessRunner.wait(pid)
            }
        }
        let ready = try await QueueFixture.eventually(timeout: .seconds(30)) {
            (try? await serve.request("GET", "/readyz"))?.status == 200
        }
        try #require(ready, "crontui serve did not become ready; see \(log)")
        try await body(serve)
    }

    /// Waits (up to 30 s) until the history holds at least `count` succeeded attempts of
    /// `schedule`, and returns them (fewer when the wait ran out).
    func succeededAttempts(of schedule: String, atLeast count: Int) async throws -> [[String: Any]] {
        var items: [[String: Any]] = []
        _ = try await QueueFixture.eventually(timeout: .seconds(30)) {
            let page = try await request("GET", "/api/cron/jobs?schedule=\(schedule)&status=succeeded")
            items = page.object["items"] as? [[String: Any]] ?? []
            return items.count >= count
        }
        return items
    }

    /// One request to its API with the admin token.
    func request(_ method: String, _ path: String, json: String? = nil) async throws -> TestResponse {
        try await HTTPTestClient.request(port: port, method, path, token: TestTokens.admin, json: json)
    }

    /// Sends SIGTERM and returns the exit status (nil if it still runs after 30 s).
    func stop() async throws -> Int32? {
        kill(pid, SIGTERM)
        let status = try await ServeAPITests.exitStatus(pid, within: .seconds(30))
        running = status == nil
        return status
    }
}
