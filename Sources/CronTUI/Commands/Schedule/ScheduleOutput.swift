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

    /// Rows of cells as left-aligned columns two spaces apart, measured in display columns (a wide
    /// character takes two); each cell one sanitized line, so a value cannot draw a row of its own
    /// or move the cursor.
    static func table(_ cells: [[String]]) -> String {
        let rows = cells.map { $0.map { Sanitizer.line($0) } }
        guard let width = rows.map(\.count).max() else { return "" }
        var widths = [Int](repeating: 0, count: width)
        for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], TextWidth.of(cell)) } }
        return rows.map { row in
            row.enumerated().map { i, cell in i == row.count - 1 ? cell : TextWidth.padded(cell, to: widths[i]) }
                .joined(separator: "  ")
        }.joined(separator: "\n")
    }

    /// Schedules as a JSON array: the objects the API's `GET /api/cron/schedules` has in `items`.
    static func json(_ schedules: [Schedule], nextFire: (Schedule) -> Int64?) -> String {
        var writer = JSONWriter()
        writer.array { a in
            for schedule in schedules { schedule.writeJSON(to: &a, nextFireAt: nextFire(schedule)) }
        }
        return Sanitizer.json(String(decoding: writer.bytes, as: UTF8.self))
    }

    /// One schedule as the API shows it, with `next_fires` (in its zone and in UTC) and
    /// `recent_fires` (the latest rows of the fire ledger).
    static func json(_ schedule: Schedule, nextFires: [Int64], recentFires: [FireRecord]) -> String {
        var writer = JSONWriter()
        schedule.writeJSON(to: &writer, nextFireAt: schedule.definition.enabled ? nextFires.first : nil) { o in
            o.array("next_fires") { a in
                for fire in nextFires {
                    a.object { f in
                        f.string("local", local(fire, of: schedule))
                        f.string("utc", utc(fire))
                    }
                }
            }
            o.array("recent_fires") { a in
                for fire in recentFires { fire.writeJSON(to: &a) }
            }
        }
        return Sanitizer.json(String(decoding: writer.bytes, as: UTF8.self))
    }
}
