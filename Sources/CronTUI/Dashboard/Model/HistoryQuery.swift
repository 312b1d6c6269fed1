import Foundation

/// Which page of history to fetch: newest first, after a keyset cursor.
struct HistoryQuery: Sendable, Hashable {
    /// A keyset position: rows strictly older than this one.
    struct Cursor: Sendable, Hashable {
        var startedAt: Date
        var id: Int64
    }

    var status: StatusFilter = .all
    /// The `/` filter over job names (see ``TextFilter``); empty means none.
    var filter: String = ""
    /// Only this schedule's executions (set by `Enter` on a schedule).
    var scheduleID: String?
    /// Start after this row; nil for the newest page.
    var after: Cursor?
    var limit: Int = 100
}
