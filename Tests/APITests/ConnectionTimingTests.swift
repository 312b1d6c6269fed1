import API
import Engine
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The deadlines of one connection and of an event stream, against an in-process server with short
/// figures: a request that does not arrive in time gets 408, an idle connection is closed, an event
/// stream ends at its lifetime and frees its slot as soon as its client goes.
@Suite(.enabled(if: TestServices.enabled))
// "TimingTests" in the name: `make test` runs it after the rest, when its 1-2 s deadlines mean something.
struct ConnectionTimingTests {
    /// Reads `fd` until the server closes it; how long that took and what arrived, or nil after `limit`.
    static func waitForClose(_ fd: Int32, limit: Duration) async -> (Duration, [UInt8])? {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var timeout = timeval(tv_sec: Int(limit.components.seconds) + 1, tv_usec: 0)
                setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                let start = ContinuousClock.now
                var raw: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 4_096)
                while true {
                    let n = read(fd, &chunk, chunk.count)
                    if n > 0 {
                        raw += chunk[0..<n]
                        continue
                    }
                    let closedByPeer = n == 0 || errno == ECONNRESET
                    let elapsed = ContinuousClock.now - start
                    continuation.resume(returning: closedByPeer && elapsed <= limit ? (elapsed, raw) : nil)
                    return
                }
            }
        }
    }

    @Test func aSlowRequestGets408AndAnIdleConnectionIsClosed() async throws {
        let queue = try QueueFixture()
        let server = try await APIFixture.start(requestTimeout: .seconds(1), idleTimeout: .seconds(1)) {
            APIDependencies(system: try queue.system(), registry: $0, metrics: EngineMetrics())
        }
        defer {
            Task {
                await server.stop()
                await queue.tearDown()
            }
        }
        // Half a head, then silence.
        let slow = try HTTPTestClient.connect(port: server.port)
        defer { close(slow) }
        try HTTPTestClient.send(slow, Array("GET /healthz HTTP/1.1\r\nHost: x\r\nX-A: ".utf8))
        let timedOut = await Self.waitForClose(slow, limit: .seconds(5))
        #expect(timedOut != nil, "the half-sent request was not cut off")
        #expect((timedOut?.0 ?? .zero) >= .milliseconds(900))
        let answer = timedOut.flatMap { RawHTTP.response($0.1) }
        #expect(answer?.status == 408)
        #expect(answer?.errorCode == "request_timeout")

        // A connection that never sends a byte.
        let silent = try HTTPTestClient.connect(port: server.port)
        defer { close(silent) }
        let idle = await Self.waitForClose(silent, limit: .seconds(5))
        #expect(idle != nil, "the silent connection was not closed")
        #expect(idle?.1.isEmpty == true)

        // A kept-alive connection after its response.
        let kept = try HTTPTestClient.connect(port: server.port)
        defer { close(kept) }
        try HTTPTestClient.send(kept, Array("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n".utf8))
        let afterResponse = await Self.waitForClose(kept, limit: .seconds(5))
        #expect(afterResponse != nil, "the kept-alive connection was not closed when idle")
        #expect(afterResponse.flatMap { RawHTTP.response($0.1) }?.status == 200)
    }

    @Test func anEventStreamEndsAtItsLifetimeAndFreesItsSlotWhenTheClientGoes() async throws {
        let queue = try QueueFixture()
        // A short idle timeout: the client sees the ended stream when the connection closes.
        let server = try await APIFixture.start(
            idleTimeout: .seconds(1),
            configure: { options in
                options.maxEventStreams = 1
                // The heartbeat is what finds a client gone without a word.
                options.eventKeepAlive = .seconds(1)
                options.maxEventStreamLifetime = .seconds(2)
            }
        ) { APIDependencies(system: try queue.system(), registry: $0, metrics: EngineMetrics()) }
        defer {
            Task {
                await server.stop()
                await queue.tearDown()
            }
        }
        let first = try await SSEClient.open(port: server.port, path: "/api/cron/events")
        #expect(first.status == 200)
        #expect(try await server.request("GET", "/api/cron/events").status == 503)
        first.close()
        let start = ContinuousClock.now
        var second: SSEClient?
        let freed = await QueueFixture.eventually(timeout: .seconds(5)) {
            let client = try? await SSEClient.open(port: server.port, path: "/api/cron/events")
            if client?.status == 200 {
                second = client
                return true
            }
            client?.close()
            return false
        }
        #expect(freed, "the slot of a gone client was not freed within 5 s")
        #expect(ContinuousClock.now - start < .seconds(3))

        // The lifetime: the second stream ends on its own.
        let stream = try #require(second)
        let events = stream.events
        let endedInTime = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                for await _ in events {}
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(6))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        #expect(endedInTime, "the event stream outlived its lifetime")
        stream.close()
    }
}
