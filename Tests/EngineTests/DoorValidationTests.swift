import Engine
import Foundation
import Testing

/// Values refused where they come in: an over-long cron string, a URL port out of range, headers
/// the HTTP client owns, one token under two names, and the API's connection limits out of range.
struct DoorValidationTests {
    @Test func cronStringsAreAtMost1024Characters() {
        let long = "0 0 1 1 " + String(repeating: "1,", count: 600) + "1"
        let start = ContinuousClock.now
        #expect(throws: CronError.self) { try CronExpression(long) }
        #expect(ContinuousClock.now - start < .milliseconds(100))
        var input = ScheduleInput(name: "x", cron: long, url: "https://h/")
        #expect(throws: ScheduleError.self) { try input.definition() }
        input.cron = "0 0 1 1 *"
        #expect((try? input.definition()) != nil)
    }

    @Test func urlPortsAreInRange() {
        for url in ["http://h:0/x", "http://h:65536/x", "http://h:99999/x"] {
            #expect(throws: ScheduleError.self, "\(url)") { try ScheduleInput(name: "x", cron: "* * * * *", url: url).definition() }
        }
        #expect((try? ScheduleInput(name: "x", cron: "* * * * *", url: "http://h:65535/x").definition()) != nil)
    }

    @Test func headersTheClientOwnsAreRefused() {
        for line in ["Content-Length: 5", "transfer-encoding: chunked", "Host: evil", "Connection: close"] {
            do {
                _ = try ScheduleInput(name: "x", cron: "* * * * *", url: "https://h/", headers: [line]).definition()
                Issue.record("\(line) was accepted")
            } catch {
                #expect(error.field == "header")
            }
        }
        #expect((try? ScheduleInput(name: "x", cron: "* * * * *", url: "https://h/", headers: ["X-Host: fine"]).definition()) != nil)
    }

    @Test func oneTokenUnderTwoNamesIsRefused() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID().uuidString)").path
        try "ops admin same-secret-0123456789\ngrafana read same-secret-0123456789\n".write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        do {
            _ = try APIConfiguration.resolve(environment: ["API_TOKENS_FILE": file])
            Issue.record("a token under two names was accepted")
        } catch {
            #expect(error.field == "API_TOKENS_FILE")
            #expect(!error.description.contains("same-secret"))
        }
    }

    @Test func connectionLimitsAreCheckedAndNamed() throws {
        for (key, value) in [("API_REQUEST_TIMEOUT", "0"), ("API_IDLE_TIMEOUT", "x"), ("API_MAX_CONNECTIONS", "5"), ("API_MAX_CONNECTIONS", "1e9")] {
            do {
                _ = try APIConfiguration.resolve(environment: [key: value])
                Issue.record("\(key)=\(value) was accepted")
            } catch {
                #expect(error.field == key)
            }
        }
        let configuration = try APIConfiguration.resolve(environment: [
            "API_REQUEST_TIMEOUT": "3", "API_IDLE_TIMEOUT": "4", "API_MAX_CONNECTIONS": "100",
        ])
        #expect(configuration.requestTimeout == .seconds(3))
        #expect(configuration.idleTimeout == .seconds(4))
        #expect(configuration.maxConnections == 100)
        let defaults = try APIConfiguration.resolve(environment: [:])
        #expect(defaults.requestTimeout == .seconds(10) && defaults.idleTimeout == .seconds(15) && defaults.maxConnections == 2_048)
    }
}
