import Demo
import Foundation
import TestSupport
import Testing

@testable import Engine

/// A job URL with credentials: they reach a real local target as `Authorization: Basic …` (not in
/// the URL), a schedule's own `Authorization` wins, and the password is in no execution record.
@Suite(.enabled(if: TestServices.enabled), .serialized)
struct URLCredentialsTests {
    @Test func userinfoBecomesBasicAuthorization() async throws {
        try await ScriptedTarget.with({ _, _ in .json(200, "{}") }) { target, base in
            try await HTTPHarness.run { h in
                let withCredentials = "http://us%40er:pa55@" + base.dropFirst("http://".count)
                let first = try await h.enqueue(withCredentials + "/basic")
                let rows = try await h.finishedExecutions(of: first, count: 1)
                #expect(rows.first?.httpStatus == 200)
                let second = try await h.enqueue(withCredentials + "/own", headers: [["Authorization", "Bearer own-token"]])
                _ = try await h.finishedExecutions(of: second, count: 1)

                let received = target.received.map(\.request)
                #expect(received.count == 2)
                func authorization(_ r: LoopbackHTTPServer.Request) -> [String] {
                    r.headers.filter { $0.name.lowercased() == "authorization" }.map(\.value)
                }
                let basic = "Basic " + Data("us@er:pa55".utf8).base64EncodedString()
                #expect(received.first.map(authorization) == [basic])
                #expect(received.first?.path == "/basic")
                #expect(received.last.map(authorization) == ["Bearer own-token"])
                #expect(!"\(rows)".contains("pa55"), "an execution record holds the password")
            }
        }
    }
}
