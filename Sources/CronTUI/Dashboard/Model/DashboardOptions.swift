/// How the dashboard was started (from the command line).
struct DashboardOptions: Sendable, Hashable {
    /// Refuse every mutation (`--readonly`, `--watch` does not imply it).
    var readonly = false
    /// Draw with ASCII only (see ``Glyphs/useASCII(ascii:unicode:localeIsUTF8:)``).
    var ascii = false
    /// Poll interval (`--refresh`).
    var refreshInterval: Duration = .seconds(2)
    var view: DashboardView = .overview
    var status: StatusFilter = .all
    var filter = ""
    /// The queue to start on (`--queue` when watching); nil: the default queue.
    var queue: String?
    /// How many events the feed keeps.
    var eventCapacity = 1000
    /// The header's product label.
    var title = "crontui"
    /// A one-off picture (`--once`, or no terminal that can run the live screen): it says when it
    /// was taken instead of `live`, and nothing follows.
    var snapshot = false
}
