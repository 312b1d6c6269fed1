import TestSupport
import Testing

@testable import Engine

/// LISTEN/NOTIFY on a dedicated connection, waited for with deadlines rather than sleeps.
@Suite(.enabled(if: TestServices.enabled)) struct PostgresNotificationTests {
    @Test func deliversPayloadsIntactAndInOrder() async throws {
        try await TestDatabase.withSchema { database in
            let listener = try await database.connect()
            let sender = try await database.connect()
            let channel = "Changes " + database.schema
            try await listener.listen(channel)
            let payloads = ["first", "'); DROP TABLE x; -- \"q\" \\ ünï 🙂", ""]
            for payload in payloads { try await sender.notify(channel, payload: payload) }
            var received: [PostgresNotification] = []
            while received.count < payloads.count,
                let notification = try await listener.nextNotification(timeout: .seconds(30))
            {
                received.append(notification)
            }
            #expect(received.map(\.payload) == payloads)
            #expect(received.allSatisfy { $0.channel == channel })
            #expect(received.first?.backendPID == (await sender.backendPID))
            // Nothing else arrives; the wait ends at its deadline.
            #expect(try await listener.nextNotification(timeout: .milliseconds(150)) == nil)
        }
    }

    @Test func notificationsAsAnAsyncSequence() async throws {
        try await TestDatabase.withSchema { database in
            let listener = try await database.connect()
            let sender = try await database.connect()
            try await listener.listen("jobs")
            try await listener.listen("other")
            try await sender.withTransaction { db in
                try db.notify("jobs", payload: "1")
                try db.notify("other", payload: "2")
            }
            let received = try await withThrowingTaskGroup(of: [String]?.self) { group in
                group.addTask {
                    var payloads: [String] = []
                    for try await notification in listener.notifications() {
                        payloads.append(notification.channel + ":" + notification.payload)
                        if payloads.count == 2 { break }
                    }
                    return payloads
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(5))
                    return nil
                }
                let first = try await group.next() ?? nil
                group.cancelAll()
                return first
            }
            #expect(received == ["jobs:1", "other:2"])
        }
    }

    @Test func iterationEndsWhenCancelled() async throws {
        try await TestDatabase.withSchema { database in
            let listener = try await database.connect()
            try await listener.listen("quiet")
            let clock = ContinuousClock()
            let start = clock.now
            let task = Task {
                var count = 0
                for try await _ in listener.notifications() { count += 1 }
                return count
            }
            try await Task.sleep(for: .milliseconds(200))
            task.cancel()
            #expect(try await task.value == 0)
            // It polls in 100 ms slices; the margin is for a loaded machine, not for the wait itself.
            #expect(clock.now - start < .seconds(10))
        }
    }

    @Test func unlistenStopsDelivery() async throws {
        try await TestDatabase.withSchema { database in
            let listener = try await database.connect()
            let sender = try await database.connect()
            try await listener.listen("a")
            try await listener.unlisten("a")
            try await listener.listen("b")
            try await sender.notify("a", payload: "dropped")
            try await sender.notify("b", payload: "kept")
            let notification = try await listener.nextNotification(timeout: .seconds(30))
            #expect(notification?.payload == "kept")
        }
    }
}
