import API
import Engine
import Foundation
import TestSupport
import Testing

/// Requests the HTTP layer refuses before any route runs still get the API's JSON error, with the
/// status that names the problem: 414 for a long request line, 431 for a head over the limits, 400
/// for what is not HTTP/1.1 or frames its body two ways, 413 for a chunked body over the limit.
@Suite(.enabled(if: TestServices.enabled))
struct HTTPLayerErrorTests {
    static func start() async throws -> (APIFixture, QueueFixture) {
        let queue = try QueueFixture()
        let system = try queue.system()
        let server = try await APIFixture.start { registry in
            APIDependencies(system: system, registry: registry, metrics: EngineMetrics())
        }
        return (server, queue)
    }

    static func expectJSONError(_ raw: [UInt8], status: Int, code: String, _ what: String) {
        let response = RawHTTP.response(raw)
        #expect(response?.status == status, "\(what): \(String(decoding: raw.prefix(300), as: UTF8.self))")
        #expect(response?.headers["content-type"] == "application/json", "\(what)")
        #expect(response?.errorCode == code, "\(what): \(response?.text ?? "")")
    }

    @Test func refusalsBeforeARouteAreJSONWithTheRightStatus() async throws {
        let (server, queue) = try await Self.start()
        defer {
            Task {
                await server.stop()
                await queue.tearDown()
            }
        }
        let port = server.port
        func send(_ text: String) async throws -> [UInt8] { try await RawHTTP.exchange(port: port, Array(text.utf8)) }

        let hugeHeader = "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + String(repeating: "a", count: 100_000) + "\r\n\r\n"
        Self.expectJSONError(try await send(hugeHeader), status: 431, code: "headers_too_large", "a 100 KB header")

        let manyHeaders = "GET /healthz HTTP/1.1\r\nHost: x\r\n" + String(repeating: "X-N: 1\r\n", count: 20_000) + "\r\n"
        Self.expectJSONError(try await send(manyHeaders), status: 431, code: "headers_too_large", "20,000 headers")

        let hugePath = "GET /" + String(repeating: "p", count: 100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"
        Self.expectJSONError(try await send(hugePath), status: 414, code: "uri_too_long", "a 100 KB path")

        Self.expectJSONError(try await send("HELLO\u{1} THERE \u{7f}\r\n\r\n"), status: 400, code: "bad_request", "a garbage request line")

        let both = "POST /api/cron/schedules HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        Self.expectJSONError(try await send(both), status: 400, code: "bad_request", "Content-Length with Transfer-Encoding")

        let twice = "POST /api/cron/schedules HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}"
        Self.expectJSONError(try await send(twice), status: 400, code: "bad_request", "two Content-Lengths")

        // 3 MB in 64 KiB chunks to a server taking 64 KiB: no Content-Length to refuse up front.
        var chunked = "POST /api/cron/schedules HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(TestTokens.admin)\r\n"
        chunked += "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        let chunk = String(repeating: " ", count: 65_536)
        var bytes = Array(chunked.utf8)
        for _ in 0..<48 { bytes += Array("10000\r\n\(chunk)\r\n".utf8) }
        bytes += Array("0\r\n\r\n".utf8)
        Self.expectJSONError(try await RawHTTP.exchange(port: port, bytes), status: 413, code: "too_large", "a 3 MB chunked body")

        // And the server is still there for everyone else.
        #expect(try await server.request("GET", "/healthz").status == 200)
    }
}
