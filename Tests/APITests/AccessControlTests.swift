import API
import Engine
import Foundation
import TestSupport
import Testing

/// Tokens and roles against a real server: 401 without or with a bad token, 403 for a read token
/// on a mutation, reads open on loopback, and the start-up rules.
@Suite(.enabled(if: TestServices.enabled))
struct AccessControlTests {
    @Test func mutationsNeedAnAdminToken() async throws {
        try await SystemFixture.with { audit in try await Self.checkMutationsNeedAnAdminToken(audit) }
    }

    static func checkMutationsNeedAnAdminToken(_ audit: SystemFixture) async throws {
        let server = try await APIFixture.start { registry in
            APIDependencies(system: audit.system, registry: registry, metrics: EngineMetrics())
        }
        defer { Task { await server.stop() } }
        let mutations: [(String, String)] = [
            ("POST", "/api/cron/queue/pause"), ("POST", "/api/cron/queue/resume"), ("POST", "/api/cron/jobs/x/retry"),
            ("POST", "/api/cron/jobs/x/rerun"), ("POST", "/api/cron/schedules"), ("PATCH", "/api/cron/schedules/1"),
            ("DELETE", "/api/cron/schedules/1"), ("POST", "/api/cron/schedules/1/run"), ("POST", "/api/cron/schedules/1/pause"),
            ("POST", "/api/cron/schedules/1/resume"), ("POST", "/api/cron/agendamentos/1/run"),
        ]
        for (method, path) in mutations {
            let none = try await server.request(method, path)
            #expect(none.status == 401, "\(method) \(path)")
            #expect(none.errorCode == "unauthorized")
            #expect(none.headers["www-authenticate"]?.hasPrefix("Bearer") == true)
            let reader = try await server.request(method, path, token: TestTokens.reader)
            #expect(reader.status == 403, "\(method) \(path)")
            #expect(reader.errorCode == "forbidden")
            let wrong = try await server.request(method, path, token: "not-a-token-at-all-xxxx")
            #expect(wrong.status == 401)
        }
        #expect(try await audit.auditEntries().isEmpty)
        #expect(try await audit.queue.queue.stats().paused == false)

        // Reads are open on loopback; a token that is presented must be valid.
        #expect(try await server.request("GET", "/api/cron/queue/stats").status == 200)
        #expect(try await server.request("GET", "/api/cron/queue/stats", token: TestTokens.reader).status == 200)
        #expect(try await server.request("GET", "/api/cron/queue/stats", token: "nope-nope-nope-nope").status == 401)
        #expect(try await server.request("GET", "/api/cron/queue/stats", headers: [("Authorization", "Basic YTpi")]).status == 401)

        let paused = try await server.request("POST", "/api/cron/queue/pause", token: TestTokens.admin)
        #expect(paused.status == 200)
        #expect(try await audit.auditEntries().map(\.actor) == ["ops"])
    }

    @Test func everyRouteNeedsATokenBeyondLoopback() async throws {
        let queue = try QueueFixture()
        // A server bound beyond loopback without tokens refuses to start, before it binds.
        let refused = APIServer(
            configuration: APIConfiguration(host: "0.0.0.0", port: 0, tokens: []),
            dependencies: APIDependencies(registry: .init(), metrics: EngineMetrics()))
        await #expect(throws: ConfigurationError.self) { try await refused.run() }
        // Tests bind loopback only, so the beyond-loopback rule is switched on by option: a read
        // without a token is then 401, with one 200.
        let server = try await APIFixture.start(requireTokenForReads: true) { registry in
            APIDependencies(system: try queue.system(), registry: registry, metrics: EngineMetrics())
        }
        defer {
            Task {
                await server.stop()
                await queue.tearDown()
            }
        }
        for path in ["/healthz", "/api/cron/queue/stats", "/metrics", "/api/openapi.json"] {
            #expect(try await server.request("GET", path).status == 401, "\(path)")
            #expect(try await server.request("GET", path, token: TestTokens.reader).status == 200, "\(path)")
        }
    }
}

/// Configuration of the API: variables, the token file, the loopback rule.
struct APIConfigurationTests {
    @Test func defaultsAndFlags() throws {
        let plain = try APIConfiguration.resolve(environment: [:])
        #expect(plain.host == "127.0.0.1" && plain.port == 8080 && plain.tokens.isEmpty)
        let flagged = try APIConfiguration.resolve(environment: ["API_PORT": "9000"], flags: .init(port: "9100"))
        #expect(flagged.port == 9100)
        let token = try APIConfiguration.resolve(environment: ["API_TOKEN": "0123456789abcdef"])
        #expect(token.tokens == [APIToken(name: "admin", role: .admin, secret: "0123456789abcdef")])
        #expect(!token.tokens[0].description.contains("0123456789abcdef"))
    }

    @Test(arguments: [
        (["API_HOST": "0.0.0.0"], "API_HOST"),
        (["API_PORT": "70000"], "API_PORT"),
        (["API_TOKEN": "short"], "API_TOKEN"),
        (["API_MAX_BODY_BYTES": "12"], "API_MAX_BODY_BYTES"),
        (["API_TOKENS_FILE": "/nonexistent/tokens"], "API_TOKENS_FILE"),
    ])
    func badValuesNameTheVariable(environment: [String: String], field: String) {
        #expect(throws: ConfigurationError.self) { try APIConfiguration.resolve(environment: environment) }
        do {
            _ = try APIConfiguration.resolve(environment: environment)
        } catch {
            #expect(error.field == field)
        }
    }

    @Test func tokenFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UInt64.random(in: 0...UInt64.max))").path
        try "# name role token\nops admin 0123456789abcdef0\n\ngrafana read fedcba98765432100\n".write(
            toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let configuration = try APIConfiguration.resolve(environment: ["API_TOKENS_FILE": path, "API_HOST": "0.0.0.0"])
        #expect(configuration.tokens.map(\.description) == ["ops (admin)", "grafana (read)"])
        #expect(!configuration.isLoopback)
        #expect(throws: ConfigurationError(field: "T line 2", reason: "role 'owner' is not read or admin")) {
            try APIConfiguration.parseTokens("\nops owner 0123456789abcdef0", field: "T")
        }
        #expect(APIConfiguration.isLoopback("127.0.0.1") && APIConfiguration.isLoopback("::1") && APIConfiguration.isLoopback("localhost"))
        #expect(!APIConfiguration.isLoopback("0.0.0.0") && !APIConfiguration.isLoopback("10.0.0.1"))
    }
}
