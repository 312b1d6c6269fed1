/// How the dashboard was started (from the command line).
struct DashboardOptions: Sendable, Hashable {
    /// Refuse every mutation (`--readonly`, `--watch` does not imply it).
    var readonly = false
    /// Draw with ASCII only (`--ascii`, or when the locale is not UTF-8).
    var ascii = false
    /// Poll interval (`--refresh`).
    var refreshInterval: Duration = .seconds(2)
    var view: DashboardView = .overview
    var status: StatusFilter = .all
    var filter = ""
    /// How many events the feed keeps.
    var eventCapacity = 1000
    /// The header's product label.
    var title = "crontui"
}
