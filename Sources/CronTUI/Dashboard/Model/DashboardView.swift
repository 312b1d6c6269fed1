/// The four views, chosen with `1`–`4` or cycled with `Tab`.
enum DashboardView: Int, Sendable, Hashable, CaseIterable {
    case overview = 1
    case schedules = 2
    case history = 3
    case events = 4

    /// The tab's title.
    var title: String {
        switch self {
        case .overview: "Overview"
        case .schedules: "Schedules"
        case .history: "History"
        case .events: "Events"
        }
    }

    /// The next (`step` 1) or previous (`step` -1) view, wrapping around.
    func cycled(by step: Int) -> DashboardView {
        let all = Self.allCases
        return all[(rawValue - 1 + step + all.count) % all.count]
    }
}
