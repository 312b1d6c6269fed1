import Foundation
import TestSupport
import Testing

@testable import Engine

/// A schedule's queue in the real PostgreSQL: stored, changed, moved back to the default queue,
/// and the scopes a scheduler loads by.
@Suite(.enabled(if: TestServices.enabled))
struct ScheduleQueueStoreTests {
    static func definition(_ name: String, queue: String?) -> ScheduleDefinition {
        ScheduleDefinition(name: name, cron: "* * * * *", url: "http://127.0.0.1:9/", queue: queue)
    }

    @Test func theQueueIsStoredChangedAndClearedByAnEmptyOne() async throws {
        try await ScheduleStoreTests.withStore { store, _ in
            let created = try await store.create(Self.definition("a", queue: "reports"))
            #expect(created.definition.queue == "reports")
            #expect(try await store.schedule(.id(created.id)).definition.queue == "reports")
            (store.clock as? ManualQueueClock)?.advance(by: .seconds(10))
            let (_, moved) = try await store.update(.id(created.id), with: ScheduleInput(queue: "billing"))
            #expect(moved.definition.queue == "billing")
            // A move restarts the schedule: the new queue's scheduler does not catch up on slots the
            // old queue's fired.
            #expect(moved.activeSince == created.activeSince + 10_000)
            (store.clock as? ManualQueueClock)?.advance(by: .seconds(10))
            let (_, unchanged) = try await store.update(.id(created.id), with: ScheduleInput(attempts: "2"))
            #expect(unchanged.definition.queue == "billing")
            #expect(unchanged.activeSince == moved.activeSince)
            let (_, back) = try await store.update(.id(created.id), with: ScheduleInput(queue: ""))
            #expect(back.definition.queue == nil)
            #expect(try await store.schedule(.id(created.id)).definition.queue == nil)
        }
    }

    @Test func theQueuesNamedAreListedOnceEachWithNoneForTheDefault() async throws {
        try await ScheduleStoreTests.withStore { store, _ in
            #expect(try await store.queueNames().isEmpty)
            _ = try await store.create(Self.definition("a", queue: "reports"))
            #expect(try await store.queueNames() == ["reports"])
            _ = try await store.create(Self.definition("b", queue: "billing"))
            _ = try await store.create(Self.definition("c", queue: "reports"))
            let paused = try await store.create(Self.definition("d", queue: nil))
            _ = try await store.setEnabled(.id(paused.id), false)
            #expect(try await store.queueNames() == [nil, "billing", "reports"])
        }
    }

    @Test func aBadQueueIsRefusedNamingTheFieldAndWritesNothing() async throws {
        try await ScheduleStoreTests.withStore { store, pool in
            await #expect(throws: ScheduleError(.invalid, field: "queue", "'a{b}' must be 1-64 characters of A-Z a-z 0-9 . _ -")) {
                try await store.create(Self.definition("a", queue: "a{b}"))
            }
            let created = try await store.create(Self.definition("b", queue: nil))
            await #expect(throws: ScheduleError.self) {
                try await store.update(.id(created.id), with: ScheduleInput(queue: String(repeating: "q", count: 65)))
            }
            #expect(try await pool.query("SELECT count(*) FROM schedules")[0].decode(0, as: Int.self) == 1)
            #expect(try await store.schedule(.id(created.id)).definition.queue == nil)
        }
    }

    @Test func aScopeLoadsItsQueueAndTheDefaultQueueOnlyWhereItIsTheDefault() async throws {
        try await ScheduleStoreTests.withStore { store, _ in
            let home = try await store.create(Self.definition("home", queue: "home"))
            let other = try await store.create(Self.definition("other", queue: "other"))
            let none = try await store.create(Self.definition("none", queue: nil))
            let defaultScope = ScheduleScope(queue: "home", includesDefault: true)
            let otherScope = ScheduleScope(queue: "other", includesDefault: false)
            #expect(try await store.enabled(in: defaultScope).map(\.id) == [home.id, none.id])
            #expect(try await store.enabled(in: otherScope).map(\.id) == [other.id])
            #expect(try await store.enabled().map(\.id) == [home.id, other.id, none.id])
            #expect(try await store.enabled(after: home.id, limit: 1, in: defaultScope).map(\.id) == [none.id])
            #expect(Set(try await store.enabledVersions(in: defaultScope).keys) == [home.id, none.id])
            #expect(Set(try await store.enabledVersions(in: otherScope).keys) == [other.id])
            #expect(Set(try await store.enabledVersions().keys) == [home.id, other.id, none.id])
            for schedule in [home, other, none] {
                #expect(defaultScope.contains(schedule) == (schedule.id != other.id))
                #expect(otherScope.contains(schedule) == (schedule.id == other.id))
            }
        }
    }

    @Test func aSnapshotWrittenBeforeQueuesDecodesAsTheDefaultQueue() throws {
        let named = Self.definition("a", queue: "reports")
        let encoded = try JSONEncoder().encode(named)
        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["queue"] as? String == "reports")
        object["queue"] = nil
        let old = try JSONDecoder().decode(ScheduleDefinition.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.queue == nil)
        #expect(old == Self.definition("a", queue: nil))
    }
}
