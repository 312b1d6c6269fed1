import Engine
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// All cron suites, run one test at a time: together they are hundreds of short test cases, and
/// queued all at once on the two-thread cooperative pool they delay timing tests elsewhere in the
/// run (the 50 ms ticker of `DedicatedThreadExecutorTests`).
@Suite(.serialized) enum CronTests {}

/// Shorthands for the cron tests: expressions, zones and instants as the CLI writes them.
enum CronFixtures {
    struct BadInstant: Error, CustomStringConvertible {
        var text: String
        var description: String { "not an ISO-8601 instant: \(text)" }
    }

    static func instant(_ text: String) throws -> Int64 {
        guard let value = CronInstant.parse(text) else { throw BadInstant(text: text) }
        return value
    }

    /// The first `count` fire times after `from`, formatted like `crontui cron next`.
    static func fires(_ expression: String, in zone: String = "UTC", after from: String, count: Int) throws -> [String] {
        let schedule = try CronSchedule(expression, timeZone: zone)
        return schedule.nextFires(after: try instant(from), count: count).map(schedule.timeZone.iso8601)
    }

    /// Runs CPU-heavy test work on a thread of its own and waits for it without blocking.
    ///
    /// The cooperative pool has two threads on these machines; a test that keeps one busy for
    /// seconds makes timing tests elsewhere in the run (a 50 ms ticker) miss their deadlines.
    /// The thread runs at the lowest priority, so that it does not take the CPU from them either.
    /// `body` must not call `#expect`: return what to check instead.
    static func offCooperativePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                #if canImport(Glibc)
                    // On Linux, `who` 0 with PRIO_PROCESS means the calling thread only.
                    _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
                #endif
                continuation.resume(with: Result { try body() })
            }.start()
        }
    }

    /// The parse error's one-line description, or nil when `expression` is valid.
    static func error(_ expression: String) -> String? {
        do {
            _ = try CronExpression(expression)
            return nil
        } catch {
            return error.description
        }
    }
}

/// One expected answer of `crontui cron next`: the first fire times after an instant.
struct FireCase: Sendable, CustomTestStringConvertible {
    var expression: String
    var zone: String
    var from: String
    var count: Int
    var expected: [String]

    /// Expects `expected` from `count` (by default as many as expected) fire times after `from`.
    init(_ expression: String, _ zone: String = "UTC", after from: String, count: Int? = nil, _ expected: [String]) {
        self.expression = expression
        self.zone = zone
        self.from = from
        self.count = count ?? expected.count
        self.expected = expected
    }

    var testDescription: String { "'\(expression)' in \(zone) after \(from)" }

    func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fires = try CronFixtures.fires(expression, in: zone, after: from, count: count)
        #expect(fires == expected, sourceLocation: sourceLocation)
    }
}
