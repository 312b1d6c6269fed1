import Engine
import Foundation
import TestSupport
import Testing

/// `crontui schedule ...` as an operator runs it, against the real PostgreSQL and Redis.
@Suite(.enabled(if: TestServices.enabled))
struct ScheduleCommandTests {
    /// Runs `crontui arguments...` against the schema of `url`, on a thread of its own.
    static func crontui(_ arguments: [String], url: String, queue: String = "cli") async throws -> ProcessRunner.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result {
                        try ProcessRunner.run(arguments, environment: ["DATABASE_URL": url, "QUEUE_NAME": queue, "USER": "operator-7"])
                    })
            }
        }
    }

    static let add = [
        "schedule", "add", "--name", "report", "--cron", "0 0 1 1 *", "--tz", "Europe/Berlin", "--method", "post", "--url",
        "https://user:pw@example.com/hook", "--header", "Authorization: Bearer s3cret", "--header", "X-Trace: 1", "--body", "{\"a\":1}",
        "--timeout", "10s", "--attempts", "3", "--backoff", "exponential:2s:1m", "--missed", "run_all:5", "--overlap", "queue_one",
    ]

    /// The keys of a schedule object, the same as the API's.
    static let jsonKeys: Set<String> = [
        "id", "name", "enabled", "cron", "tz", "method", "url", "headers", "body", "timeout_ms", "attempts", "backoff", "missed",
        "overlap", "pause_after_failures", "queue", "consecutive_failures", "created_at", "updated_at", "next_fire_at",
    ]

    static func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func addListShowEditPauseResumeRunDelete() async throws {
        let queueName = TestServices.uniqueName("cli")
        try await TestDatabaseURL.withSchema { url in
            func run(_ arguments: [String]) async throws -> ProcessRunner.Result {
                let result = try await Self.crontui(arguments, url: url, queue: queueName)
                #expect(result.status == 0, "\(arguments): \(result.stderr)")
                #expect(result.stderr.isEmpty, "\(arguments)")
                return result
            }
            let added = try await run(Self.add)
            #expect(added.stdout.hasPrefix("created schedule 1 (report), next fire 20"))
            #expect(added.stdout.hasSuffix("-01-01T00:00:00+01:00\n"))

            let list = try await run(["schedule", "list"])
            let lines = list.stdout.split(separator: "\n")
            #expect(lines.count == 2)
            #expect(lines[0].hasPrefix("ID  NAME    STATE    CRON       TZ             NEXT FIRE"))
            #expect(lines[1].hasPrefix("1   report  enabled  0 0 1 1 *  Europe/Berlin  20"))
            #expect(lines[1].hasSuffix("POST https://user:***@example.com/hook"))
            #expect(!list.stdout.contains("pw@") && !list.stdout.contains("s3cret"))

            let listJSON = try #require(try Self.json(try await run(["schedule", "list", "--json"]).stdout) as? [[String: Any]])
            #expect(listJSON.count == 1)
            #expect(Set(listJSON[0].keys) == Self.jsonKeys)
            #expect(listJSON[0]["url"] as? String == "https://user:***@example.com/hook")
            #expect(listJSON[0]["headers"] as? [String] == ["Authorization: ***", "X-Trace: 1"])
            #expect(listJSON[0]["missed"] as? String == "run_all:5" && listJSON[0]["overlap"] as? String == "queue_one")
            #expect(listJSON[0]["timeout_ms"] as? Int == 10_000 && listJSON[0]["backoff"] as? String == "exponential:2s:1m")

            // The next 5 fire times, in the schedule's zone and in UTC.
            let show = try await run(["schedule", "show", "report"])
            #expect(show.stdout.contains("header:        Authorization: ***\n"))
            #expect(!show.stdout.contains("s3cret"))
            let zone = try CronTimeZone(identifier: "Europe/Berlin")
            let now = Int64(Date().timeIntervalSince1970)
            let expected = try CronSchedule("0 0 1 1 *", timeZone: "Europe/Berlin").nextFires(after: now, count: 5).map {
                "  " + zone.iso8601($0) + "  " + CronTimeZone.utc.iso8601($0)
            }
            #expect(show.stdout.contains("next fires (Europe/Berlin / UTC):\n" + expected.joined(separator: "\n") + "\n"))

            let showJSON = try #require(try Self.json(try await run(["schedule", "show", "1", "--json"]).stdout) as? [String: Any])
            #expect(Set(showJSON.keys) == Self.jsonKeys.union(["next_fires", "recent_fires"]))
            let nextFires = try #require(showJSON["next_fires"] as? [[String: String]])
            #expect(nextFires.count == 5)
            #expect(nextFires.first?["local"]?.hasSuffix("-01-01T00:00:00+01:00") == true)
            #expect(nextFires.first?["utc"]?.hasSuffix("-12-31T23:00:00+00:00") == true)

            // The URL as shown and a secret header as shown keep the stored secrets.
            let edit = try await run([
                "schedule", "edit", "report", "--attempts", "4", "--url", "https://user:***@example.com/hook", "--header", "Authorization: ***",
                "--header", "X-Other: 2", "--missed", "skip",
            ])
            #expect(edit.stdout == "updated schedule 1 (report): header, attempts, missed\n")
            let edited = try #require(try Self.json(try await run(["schedule", "show", "report", "--json"]).stdout) as? [String: Any])
            #expect(edited["attempts"] as? Int == 4 && edited["headers"] as? [String] == ["Authorization: ***", "X-Other: 2"])
            let stored = try await PostgresConnection.connect(to: PostgresEndpoint(url: url))
            let row = try #require(try await stored.query("SELECT url, headers::text FROM schedules WHERE id = 1").first)
            #expect(try row.decode(0, as: String.self) == "https://user:pw@example.com/hook")
            #expect(try row.decode(1, as: String.self).contains("Bearer s3cret"))
            await stored.close()

            #expect(try await run(["schedule", "pause", "report"]).stdout == "paused schedule 1 (report)\n")
            #expect(try await run(["schedule", "pause", "1"]).stdout == "schedule 1 (report) was already paused\n")
            #expect(try await run(["schedule", "list"]).stdout.contains("1   report  paused "))
            #expect(try await run(["schedule", "resume", "report"]).stdout == "resumed schedule 1 (report)\n")

            let ran = try await run(["schedule", "run", "report"])
            let parts = ran.stdout.split(separator: "\n")
            #expect(parts.count == 2 && parts[0].hasPrefix("job 1:run:") && parts[1].hasPrefix("trace "))
            let redis = RedisClient(endpoint: try TestServices.redisEndpoint())
            let queue = JobQueue(name: queueName, redis: redis)
            let job = try #require(try await queue.job(String(parts[0].dropFirst(4))))
            #expect(job.traceID == String(parts[1].dropFirst(6)))
            #expect(try HTTPJob.decode(job.payload).trigger == .manual)
            try await queue.destroy()
            redis.close()

            #expect(try await run(["schedule", "delete", "1"]).stdout == "deleted schedule 1 (report)\n")
            let gone = try await Self.crontui(["schedule", "show", "report"], url: url)
            #expect(gone.status == 1 && gone.stderr == "error: no schedule 'report'\n")

            // Every change is in the audit log, by the operator, from the command line.
            let database = try await PostgresConnection.connect(to: PostgresEndpoint(url: url))
            let rows = try await database.query("SELECT actor, interface, action FROM audit ORDER BY id")
            let audit = try rows.map {
                "\(try $0.decode(0, as: String.self)) \(try $0.decode(1, as: String.self)) \(try $0.decode(2, as: String.self))"
            }
            #expect(
                audit == ["create", "update", "pause", "resume", "run", "delete"].map { "operator-7 cli schedule.\($0)" })
            await database.close()
        }
    }

    @Test(arguments: [
        (["--cron", "61 * * * *"], "--cron: minute field: value 61 out of range 0-59"),
        (["--tz", "Mars/Olympus"], "--tz: unknown time zone 'Mars/Olympus'"),
        (["--method", "FETCH"], "--method: "),
        (["--url", "ftp://example.com"], "--url: scheme 'ftp' is not http or https"),
        (["--url", "/relative"], "--url: "),
        (["--header", "No colon"], "--header: expected 'Name: value' (the colon is missing) in a header of 8 characters"),
        (["--header", "Bad Name: v"], "--header: name 'Bad Name' is not a header name"),
        (["--timeout", "2h"], "--timeout: '2h' is not a duration from 1ms to 1h"),
        (["--attempts", "0"], "--attempts: '0' is not a whole number from 1 to 100"),
        (["--attempts", "-1"], "--attempts: '-1' is not a whole number from 1 to 100"),
        (["--pause-after-failures", "-1"], "--pause-after-failures: '-1' is not off (or 0) or a whole number from 1 to 1000"),
        (["--timeout", "-5s"], "--timeout: '-5s' is not a duration from 1ms to 1h"),
        (["--backoff", "linear"], "--backoff: "),
        (["--missed", "run_all:0"], "--missed: "),
        (["--overlap", "sometimes"], "--overlap: 'sometimes' is not allow, skip or queue_one"),
        (["--name", "123"], "--name: must not be all digits"),
        (["--job-queue", "a{b}"], "--job-queue: 'a{b}' must be 1-64 characters of A-Z a-z 0-9 . _ -"),
        (["--queue", "b"], "--queue: names the default queue (QUEUE_NAME), not the schedule's; put the schedule in a queue with --job-queue b"),
    ])
    func badFieldExitsTwoAndWritesNothing(flags: [String], message: String) async throws {
        try await TestDatabaseURL.withSchema { url in
            let base = ["schedule", "add", "--name", "ok", "--cron", "* * * * *", "--url", "https://example.com"]
            let added = try await Self.crontui(base, url: url)
            #expect(added.status == 0)
            for command in [
                ["schedule", "add", "--name", "new", "--cron", "* * * * *", "--url", "https://example.com"], ["schedule", "edit", "ok"],
            ] {
                let result = try await Self.crontui(command + flags, url: url)
                #expect(result.status == 2, "\(command + flags): \(result.stderr)")
                #expect(result.stdout.isEmpty)
                #expect(result.stderr.hasPrefix("error: " + message), "\(result.stderr)")
                #expect(result.stderr.filter { $0 == "\n" }.count == 1)
            }
            let list = try #require(try Self.json(try await Self.crontui(["schedule", "list", "--json"], url: url).stdout) as? [[String: Any]])
            #expect(list.count == 1)
            #expect(list.first?["name"] as? String == "ok" && list.first?["cron"] as? String == "* * * * *")
            #expect(list.first?["updated_at"] as? String == list.first?["created_at"] as? String)
        }
    }

    /// `schedule add` with only the required flags gets 3 attempts and exponential backoff from 1 s
    /// capped at 5 min.
    @Test func addWithNoPolicyFlagsHasThreeAttemptsAndExponentialBackoff() async throws {
        try await TestDatabaseURL.withSchema { url in
            let added = try await Self.crontui(
                ["schedule", "add", "--name", "plain", "--cron", "0 0 1 1 *", "--url", "https://example.com"], url: url)
            #expect(added.status == 0, "\(added.stderr)")
            let show = try #require(
                try Self.json(try await Self.crontui(["schedule", "show", "plain", "--json"], url: url).stdout) as? [String: Any])
            #expect(show["attempts"] as? Int == 3)
            #expect(show["backoff"] as? String == "exponential:1s:5m")
        }
    }

    /// `--job-queue` names the queue a schedule's jobs go to; `show` prints it; an empty one moves it
    /// back to the default queue.
    @Test func jobQueueIsSetShownAndCleared() async throws {
        try await TestDatabaseURL.withSchema { url in
            let added = try await Self.crontui(
                ["schedule", "add", "--name", "q", "--cron", "0 0 1 1 *", "--url", "https://example.com", "--job-queue", "reports"], url: url)
            #expect(added.status == 0, "\(added.stderr)")
            func show() async throws -> (text: String, json: [String: Any]) {
                let text = try await Self.crontui(["schedule", "show", "q"], url: url).stdout
                let json = try #require(
                    try Self.json(try await Self.crontui(["schedule", "show", "q", "--json"], url: url).stdout) as? [String: Any])
                return (text, json)
            }
            let named = try await show()
            #expect(named.json["queue"] as? String == "reports")
            #expect(named.text.contains("queue:") && named.text.contains("reports"), "\(named.text)")
            // The list shows a QUEUE column once some schedule names a queue.
            let listed = try await Self.crontui(["schedule", "list"], url: url).stdout.split(separator: "\n").map(String.init)
            let columns = listed.first?.split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
            #expect(columns.suffix(3) == ["NEXT FIRE", "QUEUE", "REQUEST"], "\(listed)")
            #expect(listed.dropFirst().first?.contains(" reports  GET https://example.com") == true, "\(listed)")
            #expect(try await Self.crontui(["schedule", "edit", "q", "--job-queue", ""], url: url).status == 0)
            let cleared = try await show()
            #expect(cleared.json.keys.contains("queue") && cleared.json["queue"] is NSNull)
            #expect(!cleared.text.contains("reports"))
            #expect(try await Self.crontui(["schedule", "list"], url: url).stdout.contains("QUEUE") == false)
        }
    }

    @Test func duplicateNameAndMissingFieldsAreUsageErrors() async throws {
        try await TestDatabaseURL.withSchema { url in
            let base = ["schedule", "add", "--name", "ok", "--cron", "* * * * *", "--url", "https://example.com"]
            #expect(try await Self.crontui(base, url: url).status == 0)
            let duplicate = try await Self.crontui(base, url: url)
            #expect(duplicate.status == 2 && duplicate.stderr == "error: --name: a schedule named 'ok' already exists\n")
            let missing = try await Self.crontui(["schedule", "add", "--name", "x", "--url", "https://example.com"], url: url)
            #expect(missing.status == 2 && missing.stderr == "error: --cron: is required\n")
            let nothing = try await Self.crontui(["schedule", "edit", "ok"], url: url)
            #expect(nothing.status == 2 && nothing.stderr == "error: nothing to change: give at least one field flag\n")
            let unknown = try await Self.crontui(["schedule", "pause", "nope"], url: url)
            #expect(unknown.status == 1 && unknown.stderr == "error: no schedule 'nope'\n")
        }
    }
}
