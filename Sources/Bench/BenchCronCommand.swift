import ArgumentParser
import CommandSupport
import Engine

#if canImport(Glibc)
    import Glibc
#endif

/// `crontui bench cron`: how long one next-fire computation takes, in UTC and in a DST zone.
package struct BenchCronCommand: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "cron",
        abstract: "Time next-fire computations over a seeded mix of cron expressions.",
        discussion: "Run it from a release build (swift build -c release); results go in BENCHMARKS.md."
    )

    @Option(help: "How many random expressions (at least 10000 for the recorded figures).")
    var expressions = 10_000

    @Option(help: "Next-fire computations timed per expression and zone.")
    var repeats = 3

    @Option(help: "Seed of the expression and instant mix.")
    var seed: UInt64 = 42

    @Option(help: "Zones to measure, comma-separated.")
    var zones = "UTC,Europe/Berlin"

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    /// Measured alongside the mix: Feb 29 on a Sunday fires every 28-40 years.
    static let rareExpression = "0 0 29 2 */7"

    struct Result {
        var zone: String
        var samples: [Double]
        /// The expression whose query took longest (best of 5 runs, so preemption does not count).
        var slowest: (microseconds: Double, expression: String)
        func percentile(_ p: Double) -> Double { samples[min(samples.count - 1, Int(Double(samples.count) * p))] }
        var mean: Double { samples.reduce(0, +) / Double(samples.count) }
    }

    package func run() throws {
        guard expressions > 0, repeats > 0 else { throw UsageError("--expressions and --repeats must be positive") }
        var random = RandomSource(seed: seed)
        var parsed: [CronExpression] = []
        var instants: [Int64] = []
        // Instants spread over 2024-2034, so DST transitions and month ends are all in the mix.
        let first = CronInstant.parse("2024-01-01T00:00:00Z")!
        let last = CronInstant.parse("2034-01-01T00:00:00Z")!
        for _ in 0..<expressions {
            parsed.append(try! CronExpression(CronExpressionSampler.expression(using: &random)))
            instants.append(Int64.random(in: first..<last, using: &random))
        }
        var results: [Result] = []
        for identifier in zones.split(separator: ",").map(String.init) {
            let zone: CronTimeZone
            do { zone = try CronTimeZone(identifier: identifier) } catch { throw UsageError("--zones: \(error)") }
            results.append(measure(parsed.map { CronSchedule(expression: $0, timeZone: zone) }, instants, identifier))
            let rare = CronSchedule(expression: try! CronExpression(Self.rareExpression), timeZone: zone)
            results.append(
                measure([CronSchedule](repeating: rare, count: instants.count), instants, "\(identifier) (rare)"))
        }
        print(json ? jsonReport(results) : tableReport(results), terminator: "")
    }

    private func measure(_ schedules: [CronSchedule], _ instants: [Int64], _ zone: String) -> Result {
        var sink: Int64 = 0
        for (schedule, instant) in zip(schedules, instants) { sink &+= schedule.nextFire(after: instant) ?? 0 }
        var samples: [Double] = []
        samples.reserveCapacity(schedules.count * repeats)
        for round in 0..<repeats {
            for (schedule, instant) in zip(schedules, instants) {
                let from = instant + Int64(round) * 3_601
                let start = Self.nanoseconds()
                let fire = schedule.nextFire(after: from)
                let end = Self.nanoseconds()
                sink &+= fire ?? 0
                samples.append(Double(end - start) / 1_000)
            }
        }
        var slowest = (microseconds: 0.0, expression: "")
        for (schedule, instant) in zip(schedules, instants) {
            var best = Int64.max
            for _ in 0..<5 {
                let start = Self.nanoseconds()
                sink &+= schedule.nextFire(after: instant) ?? 0
                best = min(best, Self.nanoseconds() - start)
            }
            if Double(best) / 1_000 > slowest.microseconds {
                slowest = (Double(best) / 1_000, schedule.expression.text)
            }
        }
        if sink == 42 { print("", terminator: "") }  // keeps the calls from being optimized away
        samples.sort()
        return Result(zone: zone, samples: samples, slowest: slowest)
    }

    private static func nanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }

    private static var buildConfiguration: String {
        #if DEBUG
            return "debug"
        #else
            return "release"
        #endif
    }

    private func tableReport(_ results: [Result]) -> String {
        var text = "cron next-fire: \(expressions) expressions x \(repeats) computations per zone, seed \(seed), "
        text += "\(Self.buildConfiguration) build\n"
        text += "zone".padding(28) + "median".padding(12) + "p99".padding(12) + "mean".padding(12) + "max".padding(12)
        text += "slowest expression (best of 5)\n"
        for result in results {
            text += result.zone.padding(28) + micro(result.percentile(0.5)).padding(12)
            text += micro(result.percentile(0.99)).padding(12) + micro(result.mean).padding(12)
            text += micro(result.samples.last ?? 0).padding(12)
            text += "\(micro(result.slowest.microseconds)) '\(result.slowest.expression)'\n"
        }
        text += "(rare) = '\(Self.rareExpression)' from the same instants\n"
        return text
    }

    private func jsonReport(_ results: [Result]) -> String {
        let zones = results.map { result in
            "{\"zone\":\"\(result.zone)\",\"samples\":\(result.samples.count),"
                + "\"median_us\":\(rounded(result.percentile(0.5))),\"p99_us\":\(rounded(result.percentile(0.99))),"
                + "\"mean_us\":\(rounded(result.mean)),\"max_us\":\(rounded(result.samples.last ?? 0)),"
                + "\"slowest_us\":\(rounded(result.slowest.microseconds)),"
                + "\"slowest_expression\":\(JSONText.string(result.slowest.expression))}"
        }
        return
            "{\"benchmark\":\"cron.next_fire\",\"build\":\"\(Self.buildConfiguration)\",\"expressions\":\(expressions),"
            + "\"repeats\":\(repeats),\"seed\":\(seed),\"zones\":[\(zones.joined(separator: ","))]}\n"
    }

    private func micro(_ value: Double) -> String { "\(rounded(value)) us" }

    private func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
}

extension String {
    /// Left-aligned in a column of `width` characters.
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}
