import API
import Engine
import Foundation
import TestSupport
import Testing

/// Path segments are percent-decoded before lookup: a schedule named `été` or `a b` is reachable
/// by name, and a segment that does not decode to UTF-8 is a 400 naming it.
@Suite(.enabled(if: TestServices.enabled))
struct PathDecodingTests {
    @Test func namesWithSpacesAndAccentsAreReachable() async throws {
        try await ScheduleRouteTests.withServer { server, _, _ in
            for (name, path) in [("été", "%C3%A9t%C3%A9"), ("a b", "a%20b"), ("50%", "50%25")] {
                let body = #"{"name": "\#(name)", "cron": "0 3 * * *", "url": "https://example.test/run"}"#
                let created = try await server.request("POST", "/api/cron/schedules", token: TestTokens.admin, json: body)
                #expect(created.status == 201, "\(name): \(created.text)")
                let found = try await server.request("GET", "/api/cron/schedules/\(path)")
                #expect(found.status == 200, "\(path): \(found.text)")
                #expect(found.object["name"] as? String == name)
                let paused = try await server.request("POST", "/api/cron/schedules/\(path)/pause", token: TestTokens.admin)
                #expect(paused.status == 200, "\(path)/pause: \(paused.text)")
            }
            let bad = try await server.request("GET", "/api/cron/schedules/%C3%28")
            #expect(bad.status == 400)
            #expect(bad.errorField == "id")
        }
    }
}
