import Engine
import Foundation
import TestSupport
import Testing

@testable import API

#if canImport(Glibc)
    import Glibc
#endif

/// Refusals that say what is wrong once, and give nothing away: a JSON key given twice, a
/// connection string libpq cannot read, a refused login, a refused API token.
@Suite struct QuietRefusalTests {
    @Test(arguments: [
        (#"{"name": "a", "name": "b"}"#, "name"),
        (#"{"headers": {"X-A": "1", "X-A": "2"}}"#, "X-A"),
        (#"{"a": [{"k": 1, "k": 2}]}"#, "k"),
        (#"{"n\u0061me": "a", "name": "b"}"#, "name"),
    ])
    func aKeyGivenTwiceIsFound(json: String, key: String) {
        #expect(JSONBody.duplicateKey(in: Array(json.utf8)) == key)
    }

    @Test func distinctKeysAndKeyLikeValuesAreFine() {
        #expect(JSONBody.duplicateKey(in: Array(#"{"a": "b", "b": "a", "c": {"a": 1}, "d": ["a", "a"], "e": "x\"y"}"#.utf8)) == nil)
    }

    @Test func aConnectionStringLibpqCannotReadIsRefusedAtStartUpNamingTheVariable() {
        #expect(throws: ConfigurationError.self) { try PostgresEndpoint(url: "postgres://u:hunter2@127.0.0.1:5432/db?bogus_option=1") }
        do {
            _ = try PostgresEndpoint(url: "postgres://u:hunter2@127.0.0.1:5432/db?bogus_option=1")
        } catch {
            #expect(error.field == "DATABASE_URL")
            #expect(error.description.contains("bogus_option") && !error.description.contains("hunter2"), "\(error)")
        }
    }

    @Test(.enabled(if: TestServices.enabled && TestDatabaseURL.enabled))
    func refusedTokensAreLoggedOnceAWhileAndNeverEchoed() async throws {
        let port = try ServeAPITests.freePort()
        let log = NSTemporaryDirectory() + "tokens-\(UInt32.random(in: 0...UInt32.max)).log"
        let fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer {
            close(fd)
            unlink(log)
        }
        let pid = try ProcessRunner.spawn(
            ["serve", "--api-port", String(port), "--concurrency", "1"],
            environment: [
                "QUEUE_NAME": TestServices.uniqueName("tokens"), "API_TOKEN": TestTokens.admin, "API_HOST": nil, "API_PORT": nil,
                "API_TOKENS_FILE": nil, "LOG_FORMAT": "json",
            ], stdout: fd, stderr: fd)
        let ready = await QueueFixture.eventually(timeout: .seconds(30)) {
            (try? await HTTPTestClient.request(port: port, "GET", "/healthz"))?.status == 200
        }
        #expect(ready)
        let secret = "wrong-token-0123456789abcdef"
        for _ in 0..<3 {
            let refused = try await HTTPTestClient.request(port: port, "POST", "/api/cron/queue/pause", token: secret)
            #expect(refused.status == 401)
        }
        kill(pid, SIGTERM)
        let status = await ProcessRunner.waitDetached(pid)
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(status == 0, "\(output)")
        let lines = output.split(separator: "\n").filter { $0.contains(#""event":"api.token_refused""#) }
        #expect(lines.count == 1 && lines.first?.contains("/api/cron/queue/pause") == true, "\(output)")
        #expect(!output.contains(secret))
    }

    @Test(.enabled(if: TestServices.enabled && TestDatabaseURL.enabled))
    func serveGivesUpOnARefusedLoginWithOneLineNamingTheVariable() async throws {
        let base = try #require(ProcessInfo.processInfo.environment["DATABASE_URL"])
        let refused = base.replacingOccurrences(of: "://crontui@", with: "://nosuchuser@")
        try #require(refused != base, "DATABASE_URL does not name the crontui user")
        let log = NSTemporaryDirectory() + "refused-\(UInt32.random(in: 0...UInt32.max)).log"
        let fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        defer {
            close(fd)
            unlink(log)
        }
        let pid = try ProcessRunner.spawn(
            ["serve", "--no-api"],
            environment: [
                "DATABASE_URL": refused, "QUEUE_NAME": TestServices.uniqueName("refused"), "LOGIN_DEADLINE": "3s", "LOG_FORMAT": "json",
            ], stdout: fd, stderr: fd)
        let started = ContinuousClock.now
        let status = await ProcessRunner.waitDetached(pid)
        let took = ContinuousClock.now - started
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        #expect(status == 2, "exit \(status)\n\(output)")
        #expect(took < .seconds(30), "took \(took)")
        let blaming = output.split(separator: "\n").filter {
            $0.contains(#""event":"dependency.postgres""#) && $0.contains("DATABASE_URL: PostgreSQL refused the login")
        }
        #expect(blaming.count == 1, "\(output)")
        #expect(output.contains("refused the login for 3.0 s"), "\(output)")
    }
}
