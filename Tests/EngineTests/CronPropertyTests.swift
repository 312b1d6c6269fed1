import Foundation
import Testing

@testable import Engine

extension CronTests {
    /// The fast search against the brute-force reference, for many random expressions, zones and
    /// instants (mostly close to DST transitions). Set `CRON_PROPERTY_SEED` to replay a run.
    @Suite struct CronPropertyTests {
        static let zones = [
            "UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Sao_Paulo", "Australia/Sydney",
            "Pacific/Chatham", "America/Santiago", "Europe/Dublin", "Asia/Kolkata", "America/Havana", "Pacific/Auckland",
            "Europe/London", "America/St_Johns",
        ]

        static var seed: UInt64 {
            ProcessInfo.processInfo.environment["CRON_PROPERTY_SEED"].flatMap { UInt64($0) } ?? 20_260_329
        }

        /// Sampled expressions, with the minute and hour fields often moved to where DST happens.
        static func expression(using random: inout RandomSource) -> String {
            let text = CronExpressionSampler.expression(using: &random)
            guard !text.hasPrefix("@"), Int.random(in: 0..<2, using: &random) == 0 else { return text }
            var fields = text.split(separator: " ").map(String.init)
            let first = fields.count == 6 ? 1 : 0
            fields[first] = ["0", "30", "15,45", "*/15", "*/7", "0-59/20", "*", "45"].randomElement(using: &random)!
            fields[first + 1] = ["0", "1", "2", "3", "1-3", "0-23", "2,3", "*/2", "*", "23", "0,12"].randomElement(
                using: &random)!
            let candidate = fields.joined(separator: " ")
            return (try? CronExpression(candidate)) == nil ? text : candidate
        }

        @Test func fastSearchAgreesWithBruteForce() async throws {
            let (failures, fireCount) = try await CronFixtures.offCooperativePool { try Self.compare(cases: 400) }
            for failure in failures.prefix(10) { Issue.record(Comment(rawValue: failure)) }
            #expect(failures.count == 0)
            // The cases must exercise something: most windows hold fire times.
            #expect(fireCount > 2_000)
        }

        /// Runs `cases` random comparisons: the disagreements, and how many fire times were compared.
        static func compare(cases: Int) throws -> ([String], Int) {
            let seed = Self.seed
            var random = RandomSource(seed: seed)
            var failures: [String] = []
            var fireCount = 0
            for index in 0..<cases {
                let text = Self.expression(using: &random)
                let zoneName = Self.zones.randomElement(using: &random)!
                let expression = try CronExpression(text)
                let schedule = CronSchedule(expression: expression, timeZone: try CronTimeZone(identifier: zoneName))
                let reference = CronBruteForce(expression, zone: zoneName)
                let window: Int64 = expression.hasSecondsField ? 3 * 3600 : 2 * 86_400
                let farFuture = Int.random(in: 0..<10, using: &random) == 0
                let years: ClosedRange<Int64> = farFuture ? 2300...2500 : 1995...2060
                // A random instant in one of `years` (a year is 31 556 952 s on average).
                var from =
                    (Int64.random(in: years, using: &random) - 1970) * 31_556_952
                    + Int64.random(in: 0..<31_556_952, using: &random)
                if Int.random(in: 0..<10, using: &random) < 7,
                    let transition = reference.zone.nextDaylightSavingTimeTransition(
                        after: Date(timeIntervalSince1970: TimeInterval(from)))
                {
                    from = Int64(transition.timeIntervalSince1970) - Int64.random(in: 0..<window, using: &random)
                }
                let end = from + window
                var fast: [Int64] = []
                var last = from
                while let next = schedule.nextFire(after: last), next <= end {
                    fast.append(next)
                    last = next
                }
                let slow = reference.fires(after: from, through: end)
                fireCount += slow.count
                if fast != slow {
                    let show = { (list: [Int64]) in list.prefix(6).map(schedule.timeZone.iso8601).joined(separator: " ") }
                    failures.append(
                        "seed \(seed) case \(index): '\(text)' in \(zoneName) after \(schedule.timeZone.iso8601(from)): "
                            + "fast [\(show(fast))] reference [\(show(slow))]")
                }
            }
            return (failures, fireCount)
        }
    }
}
