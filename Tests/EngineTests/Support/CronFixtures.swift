import Engine
import Testing

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
    static func fires(_ expression: String, in zone: String = "UTC", after from: String, count: Int) throws -> [String]
    {
        let schedule = try CronSchedule(expression, timeZone: zone)
        return schedule.nextFires(after: try instant(from), count: count).map(schedule.timeZone.iso8601)
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
