import Foundation

/// The order of the Schedules pane, cycled with `s`: failures first, by name, or next fire first.
enum ScheduleSort: String, Sendable, Hashable, CaseIterable {
    case health
    case name
    case next

    /// The pane title's words: `sort: health`.
    var label: String { rawValue }

    /// The order after this one.
    var cycled: ScheduleSort {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    /// `rows` in this order at `now`; ties go by name, then id, so the order is stable.
    func sorted(_ rows: [ScheduleRow], now: Date) -> [ScheduleRow] {
        func byName(_ a: ScheduleRow, _ b: ScheduleRow) -> Bool {
            let (x, y) = (a.name.lowercased(), b.name.lowercased())
            return x != y ? x < y : a.id < b.id
        }
        switch self {
        case .name:
            return rows.sorted(by: byName)
        case .health:
            let keyed = rows.map { ($0.health(at: now), $0) }
            return keyed.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : byName($0.1, $1.1) }.map(\.1)
        case .next:
            let keyed = rows.map { ($0.next(at: now) ?? .distantFuture, $0) }
            return keyed.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : byName($0.1, $1.1) }.map(\.1)
        }
    }
}
