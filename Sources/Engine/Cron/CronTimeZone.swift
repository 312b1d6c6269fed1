import Foundation

/// An IANA time zone (`Europe/Berlin`, `Australia/Lord_Howe`, `UTC`) read from the system's tz
/// database, for evaluating cron expressions in local wall-clock time.
///
/// Zones are loaded once per process and shared: creating the same zone again is a dictionary
/// lookup. Offsets come straight from the TZif file (and its footer rule for the far future), so
/// they match what `date` and `zdump` say on the same machine.
public struct CronTimeZone: Sendable, Hashable, CustomStringConvertible {
    /// The IANA identifier, as given.
    public let identifier: String
    let rules: CronZoneRules

    /// Coordinated Universal Time; needs no file.
    public static let utc = CronTimeZone(identifier: "UTC", rules: CronZoneRules(fixedOffset: 0))

    private init(identifier: String, rules: CronZoneRules) {
        self.identifier = identifier
        self.rules = rules
    }

    /// Loads the zone named `identifier`.
    ///
    /// - Throws: ``CronError`` `unknown time zone 'X'` when no such zone is installed.
    public init(identifier: String) throws(CronError) {
        if identifier == "UTC" {
            self = .utc
            return
        }
        guard let rules = Cache.shared.rules(for: identifier) else {
            throw CronError(
                .unknownTimeZone, field: nil, message: "unknown time zone \(CronError.quote(identifier))")
        }
        self.init(identifier: identifier, rules: rules)
    }

    /// The zone's offset from UTC, in seconds east, at the UTC instant `epochSeconds`.
    public func utcOffset(at epochSeconds: Int64) -> Int {
        Int(rules.segment(containing: epochSeconds).offset)
    }

    /// `epochSeconds` as local wall time with the offset in force, e.g. `2026-03-29T03:00:00+02:00`.
    public func iso8601(_ epochSeconds: Int64) -> String {
        CronInstant.format(epochSeconds, utcOffset: rules.segment(containing: epochSeconds).offset)
    }

    /// The identifier.
    public var description: String { identifier }

    /// Zones are equal when their identifiers are: the rules of one identifier are loaded once.
    public static func == (lhs: CronTimeZone, rhs: CronTimeZone) -> Bool {
        lhs.identifier == rhs.identifier
    }

    /// Hashes the identifier.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(identifier)
    }

    /// Zones loaded so far in this process.
    private final class Cache: @unchecked Sendable {
        static let shared = Cache()
        private let lock = NSLock()
        private var zones: [String: CronZoneRules] = [:]

        func rules(for identifier: String) -> CronZoneRules? {
            lock.lock()
            let cached = zones[identifier]
            lock.unlock()
            if let cached { return cached }
            guard let loaded = CronZoneRules.load(identifier: identifier) else { return nil }
            lock.lock()
            defer { lock.unlock() }
            if let raced = zones[identifier] { return raced }
            zones[identifier] = loaded
            return loaded
        }
    }
}
