/// A time zone's UTC offsets over all time, as a sorted table of transitions.
///
/// Built once per zone from its TZif file: the file's own transitions, then the footer's yearly
/// rule unrolled for 400 years. The Gregorian calendar and therefore every yearly rule repeat
/// exactly after 400 years, so instants beyond the table are folded back into that cycle instead of
/// extending it: a lookup is one binary search wherever the instant lies.
final class CronZoneRules: Sendable {
    /// A stretch of time with one UTC offset: `[start, end)` in UTC seconds.
    struct Segment: Equatable {
        /// The transition that began it (`Int64.min` when none is known).
        var start: Int64
        /// The next transition (`Int64.max` when there is none).
        var end: Int64
        /// Seconds east of UTC during the segment.
        var offset: Int64
        /// Seconds east of UTC before `start`: a smaller value means a wall-clock gap at `start`
        /// (spring forward), a larger one means wall-clock times repeat after `start` (fall back).
        var previousOffset: Int64
    }

    /// Transition instants, ascending; each changes the offset.
    let transitions: [Int64]
    /// The offset from `transitions[i]` until the next transition.
    let offsets: [Int64]
    /// The offset before the first transition.
    let initialOffset: Int64
    /// Instants at or after `cycleStart + cyclePeriod` (and, when the table holds nothing but the
    /// rule, before `cycleStart`) are shifted by whole 400-year periods into the table, which holds
    /// the rule's transitions up to a year past `cycleStart + cyclePeriod`.
    let cycleStart: Int64?
    let cycleAppliesBefore: Bool
    static let cyclePeriod = CivilCalendar.daysPer400Years * CivilCalendar.secondsPerDay

    /// A fixed offset for all time.
    init(fixedOffset: Int64) {
        transitions = []
        offsets = []
        initialOffset = fixedOffset
        cycleStart = nil
        cycleAppliesBefore = false
    }

    /// Combines a TZif table (`table`, normalized here) with the footer rule that follows it.
    init(initialOffset: Int64, table: [(at: Int64, offset: Int64)], rule: PosixTimeZoneRule?) {
        var builder = Builder(initialOffset: initialOffset)
        for entry in table { builder.append(entry.at, entry.offset) }
        var cycleStart: Int64?
        var cycleAppliesBefore = false
        if let rule, rule.daylight != nil {
            let firstYear: Int
            if let last = table.last {
                firstYear = CivilCalendar.civil(days: CivilCalendar.floorDiv(last.at, CivilCalendar.secondsPerDay)).year
            } else {
                // The rule alone describes all time: start from the offset it leaves at the end of 1968.
                firstYear = 1969
                builder = Builder(initialOffset: rule.transitions(in: 1968).last?.offset ?? rule.standardOffset)
                cycleAppliesBefore = true
            }
            let tableEnd = table.last?.at ?? Int64.min
            let tableCount = builder.transitions.count
            for year in firstYear...(firstYear + 404) {
                for transition in rule.transitions(in: year) where transition.at > tableEnd {
                    builder.append(transition.at, transition.offset)
                }
            }
            // The last year generated may hold half of a pair that its successor would cancel.
            builder.truncate(
                at: CivilCalendar.days(year: firstYear + 404, month: 1, day: 1) * CivilCalendar.secondsPerDay)
            // The cycle starts after a whole year of rule transitions, so every segment found inside it
            // begins at a rule transition, which repeats with the cycle. A rule whose transitions all
            // cancel out (daylight time all year) adds none and needs no cycle.
            if builder.transitions.count > tableCount {
                cycleStart = CivilCalendar.days(year: firstYear + 2, month: 1, day: 1) * CivilCalendar.secondsPerDay
            } else {
                cycleAppliesBefore = false
            }
        }
        self.transitions = builder.transitions
        self.offsets = builder.offsets
        self.initialOffset = builder.initialOffset
        self.cycleStart = cycleStart
        self.cycleAppliesBefore = cycleAppliesBefore
    }

    /// The segment that contains the UTC instant `t`.
    @inline(__always)
    func segment(containing t: Int64) -> Segment {
        if transitions.isEmpty {
            return Segment(start: .min, end: .max, offset: initialOffset, previousOffset: initialOffset)
        }
        var u = t
        var shift: Int64 = 0
        if let cycleStart, u >= cycleStart + Self.cyclePeriod || (cycleAppliesBefore && u < cycleStart) {
            shift = CivilCalendar.floorDiv(u - cycleStart, Self.cyclePeriod) * Self.cyclePeriod
            u -= shift
        }
        // The number of transitions at or before u.
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) >> 1
            if transitions[mid] <= u { low = mid + 1 } else { high = mid }
        }
        let start = low == 0 ? Int64.min : transitions[low - 1] + shift
        let end = low == transitions.count ? Int64.max : transitions[low] + shift
        let offset = low == 0 ? initialOffset : offsets[low - 1]
        let previous = low <= 1 ? initialOffset : offsets[low - 2]
        return Segment(start: start, end: end, offset: offset, previousOffset: previous)
    }

    /// Collects transitions, dropping those that do not change the offset and merging those that
    /// fall on the same instant (a rule with daylight time all year ends and restarts it at once).
    private struct Builder {
        var initialOffset: Int64
        var transitions: [Int64] = []
        var offsets: [Int64] = []

        init(initialOffset: Int64) { self.initialOffset = initialOffset }

        mutating func append(_ at: Int64, _ offset: Int64) {
            while let last = transitions.last, at <= last {
                transitions.removeLast()
                offsets.removeLast()
            }
            if offset != (offsets.last ?? initialOffset) {
                transitions.append(at)
                offsets.append(offset)
            }
        }

        /// Drops the transitions at or after `instant`.
        mutating func truncate(at instant: Int64) {
            while let last = transitions.last, last >= instant {
                transitions.removeLast()
                offsets.removeLast()
            }
        }
    }
}
