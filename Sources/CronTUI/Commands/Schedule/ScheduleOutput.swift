import Engine
import Foundation

/// How the `schedule` commands print schedules: aligned text for people, JSON for tools. Secret
/// header values and URL passwords are shown as `***` in both.
enum ScheduleOutput {
    /// `ms` as wall time in the schedule's zone with its offset, e.g. `2026-03-29T03:00:00+02:00`.
    static func local(_ ms: Int64, of schedule: Schedule) -> String {
        let zone = (try? CronTimeZone(identifier: schedule.definition.timeZone)) ?? .utc
        return zone.iso8601(floorSeconds(ms))
    }

    /// `ms` in UTC, e.g. `2026-03-29T01:00:00+00:00`.
    static func utc(_ ms: Int64) -> String {
        CronTimeZone.utc.iso8601(floorSeconds(ms))
    }

    private static func floorSeconds(_ ms: Int64) -> Int64 {
        ms >= 0 ? ms / 1_000 : (ms - 999) / 1_000
    }

    /// The cron expression's description, e.g. `at 02:30 every day`.
    static func describe(_ schedule: Schedule) -> String {
        (try? CronExpression(schedule.definition.cron))?.description ?? ""
    }

    /// `off`, or `after 5 failed jobs in a row (2 so far)`.
    static func autoPause(_ schedule: Schedule) -> String {
        guard let n = schedule.definition.pauseAfterFailures else { return "off" }
        return "after \(n) failed jobs in a row (\(schedule.consecutiveFailures) so far)"
    }

    /// The body as text (invalid UTF-8 replaced), nil when there is none.
    static func body(_ schedule: Schedule) -> String? {
        schedule.definition.body.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Rows of cells as left-aligned columns two spaces apart; each cell one sanitized line, so a
    /// value cannot draw a row of its own or move the cursor.
    static func table(_ cells: [[String]]) -> String {
        let rows = cells.map { $0.map { Sanitizer.line($0) } }
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// One schedule as JSON: the same keys for `list` and `show`, which adds `next_fires` and
    /// `recent_fires`.
    struct ScheduleJSON: Encodable {
        var schedule: Schedule
        var nextFire: Int64?
        var nextFires: [Int64]?
        var recentFires: [FireRecord]?

        enum Key: String, CodingKey {
            case id, name, enabled, cron, description, tz, method, url, headers, body, attempts, backoff, missed, overlap
            case timeoutMs = "timeout_ms"
            case pauseAfterFailures = "pause_after_failures"
            case consecutiveFailures = "consecutive_failures"
            case createdAt = "created_at"
            case updatedAt = "updated_at"
            case nextFire = "next_fire"
            case nextFires = "next_fires"
            case recentFires = "recent_fires"
        }

        func encode(to encoder: any Encoder) throws {
            let d = schedule.definition
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(schedule.id, forKey: .id)
            try c.encode(d.name, forKey: .name)
            try c.encode(d.enabled, forKey: .enabled)
            try c.encode(d.cron, forKey: .cron)
            try c.encode(ScheduleOutput.describe(schedule), forKey: .description)
            try c.encode(d.timeZone, forKey: .tz)
            try c.encode(d.method, forKey: .method)
            try c.encode(schedule.displayURL, forKey: .url)
            try c.encode(d.headers.map { ["name": $0.name, "value": $0.displayValue] }, forKey: .headers)
            try c.encode(ScheduleOutput.body(schedule), forKey: .body)
            try c.encode(d.timeoutMs, forKey: .timeoutMs)
            try c.encode(d.attempts, forKey: .attempts)
            try c.encode(d.backoff.scheduleText, forKey: .backoff)
            try c.encode(d.missed.description, forKey: .missed)
            try c.encode(d.overlap.description, forKey: .overlap)
            try c.encode(d.pauseAfterFailures, forKey: .pauseAfterFailures)
            try c.encode(schedule.consecutiveFailures, forKey: .consecutiveFailures)
            try c.encode(ScheduleOutput.utc(schedule.createdAt), forKey: .createdAt)
            try c.encode(ScheduleOutput.utc(schedule.updatedAt), forKey: .updatedAt)
            try c.encode(nextFire.map { ScheduleOutput.local($0, of: schedule) }, forKey: .nextFire)
            if let nextFires {
                try c.encode(nextFires.map { ["local": ScheduleOutput.local($0, of: schedule), "utc": ScheduleOutput.utc($0)] }, forKey: .nextFires)
            }
            if let recentFires {
                try c.encode(recentFires.map(FireJSON.init), forKey: .recentFires)
            }
        }
    }

    /// One ledger row as JSON.
    struct FireJSON: Encodable {
        var record: FireRecord

        enum Key: String, CodingKey {
            case status, reason, instance
            case scheduledFor = "scheduled_for"
            case jobID = "job_id"
            case traceID = "trace_id"
        }

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(ScheduleOutput.utc(record.scheduledFor), forKey: .scheduledFor)
            try c.encode(record.status.rawValue, forKey: .status)
            try c.encode(record.reason?.rawValue, forKey: .reason)
            try c.encode(record.jobID, forKey: .jobID)
            try c.encode(record.traceID, forKey: .traceID)
            try c.encode(record.instance, forKey: .instance)
        }
    }

    /// `value` as pretty-printed JSON with sorted keys.
    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Sanitizer.json(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
