import API
import Engine
import Foundation
import TestSupport
import Testing

/// `GET /api/cron/events`: Server-Sent Events from the queue's stream, resumable by `Last-Event-ID`.
@Suite(.enabled(if: TestServices.enabled))
struct EventStreamTests {
    /// The first `count` events of `client`, or fewer if `timeout` passes first.
    static func take(_ count: Int, from client: SSEClient, timeout: Duration = .seconds(10)) async -> [SSEEvent] {
        await withTaskGroup(of: [SSEEvent]?.self) { group in
            group.addTask {
                var out: [SSEEvent] = []
                for await event in client.events {
                    out.append(event)
                    if out.count == count { break }
                }
                return out
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            client.close()
            return first ?? []
        }
    }

    @Test func deliversEventsAndResumesAfterLastEventID() async throws {
        let queue = try QueueFixture()
        let server = try await APIFixture.start { APIDependencies(system: try queue.system(), registry: $0, metrics: EngineMetrics()) }
        defer {
            Task {
                await server.stop()
                await queue.tearDown()
            }
        }

        let live = try await SSEClient.open(port: server.port, path: "/api/cron/events")
        #expect(live.status == 200)
        #expect(live.headers["content-type"] == "text/event-stream")
        try await queue.queue.enqueue(NewJob(id: "e1", payload: [], schedule: "nightly"))
        try await queue.queue.enqueue(NewJob(id: "e2", payload: []))
        try await queue.queue.pause()
        let events = await Self.take(3, from: live)
        #expect(events.map(\.event) == ["enqueued", "enqueued", "paused"])
        let data = try #require(events.first.map { try JSONSerialization.jsonObject(with: Data($0.data.utf8)) as? [String: Any] } ?? nil)
        #expect(data["job_id"] as? String == "e1")
        #expect(data["kind"] as? String == "enqueued")
        #expect(data["queue"] as? String == queue.queue.name)
        // What the engine wrote with the event: the job's attempts in all and its schedule's name.
        #expect(data["max_attempts"] as? Int == 3)
        #expect(data["schedule"] as? String == "nightly")
        #expect(data["http_status"] == nil && data["duration_ms"] == nil)
        let firstID = try #require(events.first?.id)
        #expect(data["id"] as? String == firstID)

        // Reconnecting after the first event replays the rest, in order.
        let resumed = try await SSEClient.open(port: server.port, path: "/api/cron/events", lastEventID: firstID)
        let replay = await Self.take(2, from: resumed)
        #expect(replay.map(\.id) == events.dropFirst().map(\.id))
        let byQuery = try await SSEClient.open(port: server.port, path: "/api/cron/events?after=\(firstID)")
        #expect(await Self.take(2, from: byQuery).map(\.id) == events.dropFirst().map(\.id))

        let bad = try await server.request("GET", "/api/cron/events", headers: [("Last-Event-ID", "yesterday")])
        #expect(bad.status == 400)
        #expect(bad.errorField == "Last-Event-ID")
    }

    /// `?queue=` streams another queue's events, resumable by that queue's ids; none of the
    /// default queue's are mixed in. A name no queue may have is refused naming `queue`.
    @Test func streamsTheEventsOfAnotherQueueByName() async throws {
        let (queue, other, server) = try await APIFixture.startWithTwoQueues()
        defer { Task { await APIFixture.stop(server, queues: queue, other) } }
        let live = try await SSEClient.open(port: server.port, path: "/api/cron/events?queue=\(other.name)")
        #expect(live.status == 200)
        try await queue.queue.enqueue(NewJob(id: "home-1", payload: []))
        try await other.enqueue(NewJob(id: "other-1", payload: []))
        try await other.enqueue(NewJob(id: "other-2", payload: []))
        let events = await Self.take(2, from: live)
        let jobs = events.compactMap { event in
            (try? JSONSerialization.jsonObject(with: Data(event.data.utf8)) as? [String: Any])?["job_id"] as? String
        }
        #expect(jobs == ["other-1", "other-2"])
        let otherIDs = try await other.recentEvents(limit: 10).map(\.streamID)
        #expect(events.map(\.id) == otherIDs)

        // Resuming names an id of that queue's stream.
        let firstID = try #require(events.first?.id)
        let resumed = try await SSEClient.open(port: server.port, path: "/api/cron/events?queue=\(other.name)", lastEventID: firstID)
        #expect(await Self.take(1, from: resumed).map(\.id) == [otherIDs[1]])
        // The default queue's stream still has only its own job.
        let home = try await SSEClient.open(port: server.port, path: "/api/cron/events?after=0")
        let homeEvents = await Self.take(1, from: home)
        #expect(homeEvents.map(\.data).allSatisfy { $0.contains("home-1") } && homeEvents.count == 1)

        let bad = try await server.request("GET", "/api/cron/events?queue=a%20b")
        #expect(bad.status == 400 && bad.errorField == "queue", "\(bad.text)")
        let empty = try await server.request("GET", "/api/cron/events?queue=")
        #expect(empty.status == 400 && empty.errorField == "queue", "\(empty.text)")
    }
}
