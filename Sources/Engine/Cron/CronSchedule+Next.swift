extension CronSchedule {
    /// The first fire time strictly after the UTC instant `epochSeconds`, or nil when there is none
    /// before the year 10000 (or, for an interval-like expression whose only matching times are
    /// always skipped by DST, none within 400 years).
    ///
    /// Fire times, as UTC instants:
    /// - every instant whose local wall time matches the expression (T1), except that a fixed-time
    ///   expression ignores the second pass through a repeated interval (T4);
    /// - for a fixed-time expression, the instant of a forward jump when some wall time in the
    ///   skipped interval matches (T3, at any offset change T5); an interval-like one skips them.
    ///
    /// They form a set, so matches that meet at one instant count once (T6), and the answer does not
    /// depend on where the search starts. The search works one stretch of constant UTC offset at a
    /// time and jumps field by field inside it.
    public func nextFire(after epochSeconds: Int64) -> Int64? {
        guard epochSeconds < Self.latestInstant else { return nil }
        var t = max(epochSeconds + 1, Self.earliestInstant)
        let horizon = t + 402 * 366 * CivilCalendar.secondsPerDay
        let fixedTime = !expression.isIntervalLike
        let rules = timeZone.rules
        while t < horizon {
            let segment = rules.segment(containing: t)
            let offset = segment.offset
            let previous = segment.previousOffset
            if fixedTime && t == segment.start && previous < offset
                && expression.nextLocalMatch(atOrAfter: segment.start + previous, before: segment.start + offset) != nil
            {
                return segment.start
            }
            var from = t
            if fixedTime && previous > offset && segment.start != .min {
                // The first `previous - offset` seconds repeat wall times already shown: skip them.
                from = max(from, segment.start + (previous - offset))
            }
            if from < segment.end {
                let limit = segment.end == .max ? Int64.max : segment.end + offset
                if let local = expression.nextLocalMatch(atOrAfter: from + offset, before: limit) {
                    return local - offset
                }
            }
            guard segment.end != .max else { return nil }
            t = segment.end
        }
        return nil
    }

    /// The first `count` fire times strictly after `epochSeconds`, ascending; fewer when the
    /// schedule runs out (see ``nextFire(after:)``).
    public func nextFires(after epochSeconds: Int64, count: Int) -> [Int64] {
        var fires: [Int64] = []
        fires.reserveCapacity(max(0, min(count, 10_000)))
        var last = epochSeconds
        while fires.count < count, let next = nextFire(after: last) {
            fires.append(next)
            last = next
        }
        return fires
    }

    /// The zone's offset from UTC in seconds east at `epochSeconds`, for printing a fire time.
    public func utcOffset(at epochSeconds: Int64) -> Int {
        timeZone.utcOffset(at: epochSeconds)
    }

    /// Searches start no earlier than 0000-01-01 and end before 10000-01-01 (UTC, with a day's margin
    /// for offsets): fire times are printed with four-digit years.
    static let earliestInstant = CivilCalendar.days(year: 0, month: 1, day: 1) * CivilCalendar.secondsPerDay
    static let latestInstant = CivilCalendar.days(year: 10_000, month: 1, day: 2) * CivilCalendar.secondsPerDay
}
