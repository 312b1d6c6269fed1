import Foundation
import Testing

@testable import Engine

extension CronTests {
    /// Zones read from TZif files: identifiers, offsets against Foundation's, the footer rule.
    @Suite struct CronTimeZoneTests {
        @Test(arguments: [
            "Mars/Olympus", "", "../etc/passwd", "/etc/localtime", "Europe", "zone.tab", "Europe/./Berlin", "UTC\n",
            "right/Europe/Berlin",
        ])
        func unknownZonesAreRefused(_ identifier: String) {
            #expect(throws: CronError.self) { try CronTimeZone(identifier: identifier) }
        }

        @Test func unknownZoneMessage() throws {
            let error = try #require(throws: CronError.self) { try CronTimeZone(identifier: "Mars/Olympus") }
            #expect(error.description == "unknown time zone 'Mars/Olympus'")
            #expect(error.code == .unknownTimeZone)
            let newline = try #require(throws: CronError.self) { try CronTimeZone(identifier: "Europe/\nBerlin") }
            #expect(newline.description == "unknown time zone 'Europe/\\u{A}Berlin'")
        }

        @Test func zonesAreLoadedOnceAndCompareByIdentifier() throws {
            let a = try CronTimeZone(identifier: "Europe/Berlin")
            let b = try CronTimeZone(identifier: "Europe/Berlin")
            #expect(a == b)
            #expect(a.rules === b.rules)
            #expect(try CronTimeZone(identifier: "UTC") == CronTimeZone.utc)
            #expect(try CronTimeZone(identifier: "Etc/UTC").utcOffset(at: 0) == 0)
        }

        @Test func offsets() throws {
            let berlin = try CronTimeZone(identifier: "Europe/Berlin")
            #expect(berlin.utcOffset(at: try CronFixtures.instant("2026-03-29T00:59:59Z")) == 3600)
            #expect(berlin.utcOffset(at: try CronFixtures.instant("2026-03-29T01:00:00Z")) == 7200)
            #expect(berlin.iso8601(try CronFixtures.instant("2026-10-25T01:00:00Z")) == "2026-10-25T02:00:00+01:00")
            let kolkata = try CronTimeZone(identifier: "Asia/Kolkata")
            #expect(kolkata.iso8601(0) == "1970-01-01T05:30:00+05:30")
            let stJohns = try CronTimeZone(identifier: "America/St_Johns")
            #expect(stJohns.iso8601(try CronFixtures.instant("2026-01-01T12:00:00Z")) == "2026-01-01T08:30:00-03:30")
            // Local mean time before standard time has seconds in its offset.
            #expect(berlin.iso8601(try CronFixtures.instant("1850-01-01T00:00:00Z")) == "1850-01-01T00:53:28+00:53:28")
        }

        /// Offsets agree with Foundation's `TimeZone` for every installed zone, around every transition
        /// Foundation knows of from 1990 to 2060 and at random instants up to the year 2500.
        @Test func offsetsAgreeWithFoundation() async throws {
            let (disagreements, checked) = try await CronFixtures.offCooperativePool { Self.compareWithFoundation() }
            for line in disagreements.prefix(20) { Issue.record(Comment(rawValue: line)) }
            #expect(disagreements.isEmpty)
            #expect(checked > 50_000)
        }

        static func compareWithFoundation() -> ([String], Int) {
            var random = RandomSource(seed: 7)
            var disagreements: [String] = []
            var checked = 0
            let start = Date(timeIntervalSince1970: 631_152_000)  // 1990
            let end = Date(timeIntervalSince1970: 2_871_763_200)  // 2061
            for identifier in TimeZone.knownTimeZoneIdentifiers {
                guard let foundation = TimeZone(identifier: identifier),
                    let zone = try? CronTimeZone(identifier: identifier)
                else { continue }
                var instants: [Int64] = (0..<40).map { _ in Int64.random(in: 631_152_000..<16_725_225_600, using: &random) }
                var date = start
                while let next = foundation.nextDaylightSavingTimeTransition(after: date), next < end {
                    let t = Int64(next.timeIntervalSince1970)
                    instants += [t - 1, t, t + 1]
                    date = next
                }
                for t in instants {
                    checked += 1
                    let expected = foundation.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t)))
                    if zone.utcOffset(at: t) != expected {
                        disagreements.append("\(identifier) at \(t): \(zone.utcOffset(at: t)) vs Foundation \(expected)")
                        break
                    }
                }
            }
            return (disagreements, checked)
        }

        @Test func posixRules() throws {
            let berlin = try #require(PosixTimeZoneRule("CET-1CEST,M3.5.0,M10.5.0/3"))
            #expect(berlin.standardOffset == 3600)
            #expect(berlin.transitions(in: 2026).map(\.at) == [1_774_746_000, 1_792_890_000])
            let lordHowe = try #require(PosixTimeZoneRule("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0"))
            #expect(lordHowe.transitions(in: 2026).map(\.offset) == [37_800, 39_600])
            let newYork = try #require(PosixTimeZoneRule("EST5EDT,M3.2.0,M11.1.0"))
            #expect(newYork.transitions(in: 2026).map(\.at) == [1_772_953_200, 1_793_512_800])
            #expect(try #require(PosixTimeZoneRule("<-03>3")).daylight == nil)
            #expect(try #require(PosixTimeZoneRule("<-02>2<-01>,M3.5.0/-1,M10.5.0/0")).transitions(in: 2026).count == 2)
            #expect(try #require(PosixTimeZoneRule("EST5EDT4,J1/0,J365/25")).daylight != nil)
            for bad in ["", "C", "CET", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.5.0,M10.5.0/x"] {
                #expect(PosixTimeZoneRule(bad) == nil, "\(bad)")
            }
        }

        /// A zone on daylight time all year ends and restarts it at the same instant: no transition.
        @Test func allYearDaylightTimeHasNoTransitions() throws {
            let rule = try #require(PosixTimeZoneRule("EST5EDT4,0/0,J365/25"))
            let rules = CronZoneRules(initialOffset: -18_000, table: [(at: 0, offset: -14_400)], rule: rule)
            let expected = CronZoneRules.Segment(start: 0, end: .max, offset: -14_400, previousOffset: -18_000)
            let wrong = stride(from: Int64(1), through: 250_000_000_000, by: 86_400 * 97).filter {
                rules.segment(containing: $0) != expected
            }
            #expect(wrong.isEmpty)
        }

        @Test func truncatedFilesAreRefused() throws {
            let path = CronZoneRules.zoneDirectory + "/Europe/Berlin"
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let bytes = [UInt8](data)
            #expect(CronZoneRules(tzif: bytes) != nil)
            for length in [0, 4, 43, 44, 100, bytes.count / 2] {
                #expect(CronZoneRules(tzif: Array(bytes.prefix(length))) == nil, "\(length)")
            }
        }

        @Test func instantsParseAndPrint() throws {
            #expect(CronInstant.parse("2026-03-29T00:30:00Z") == 1_774_744_200)
            #expect(CronInstant.parse("2026-03-29T02:30:00+01:00") == 1_774_747_800)
            #expect(CronInstant.parse("2026-03-29T02:30:00+0100") == 1_774_747_800)
            #expect(CronInstant.parse("2026-03-29T02:30:00+01") == 1_774_747_800)
            #expect(CronInstant.parse("2026-03-29t00:30:00z") == 1_774_744_200)
            #expect(CronInstant.parse("2026-03-29 00:30Z") == 1_774_744_200)
            #expect(CronInstant.parse("2026-03-29T00:30:00.999Z") == 1_774_744_200)
            #expect(CronInstant.parse("1969-12-31T23:59:59Z") == -1)
            for bad in [
                "", "2026-03-29", "2026-03-29T00:30:00", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                "2026-03-29T24:00:00Z",
                "2026-03-29T00:60:00Z", "2026-03-29T00:30:60Z", "2026-03-29T00:30:00+24:00", "2026-03-29T00:30:00+01:",
                "26-03-29T00:30:00Z",
                "2026-03-29T00:30:00Z ", "2026-03-29T00:30:00.Z", "２０２６-03-29T00:30:00Z", "now",
            ] {
                #expect(CronInstant.parse(bad) == nil, "\(bad)")
            }
            #expect(CronInstant.format(1_774_747_800, utcOffset: 7200) == "2026-03-29T03:30:00+02:00")
            #expect(CronInstant.format(0, utcOffset: -34_200) == "1969-12-31T14:30:00-09:30")
            #expect(CronInstant.format(0, utcOffset: 0) == "1970-01-01T00:00:00+00:00")
        }

        @Test func civilArithmetic() {
            let wrong = stride(from: Int64(-800_000), through: 3_000_000, by: 997).filter { days in
                let (y, m, d) = CivilCalendar.civil(days: days)
                return CivilCalendar.days(year: y, month: m, day: d) != days
                    || !(1...CivilCalendar.daysInMonth(year: y, month: m)).contains(d)
            }
            #expect(wrong.isEmpty)
            #expect(CivilCalendar.days(year: 2000, month: 3, day: 1) - CivilCalendar.days(year: 2000, month: 2, day: 28) == 2)
            #expect(CivilCalendar.days(year: 2100, month: 3, day: 1) - CivilCalendar.days(year: 2100, month: 2, day: 28) == 1)
            #expect(CivilCalendar.weekday(days: 0) == 4)
            #expect(CivilCalendar.weekday(days: -1) == 3)
        }
    }
}
