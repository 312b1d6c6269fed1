/// Where a key binding applies; the help overlay and the footer list the bindings of the current one.
enum KeyContext: Sendable, Hashable {
    case overview
    case schedules
    case history
    case events
    case detail

    /// Every list view.
    static let lists: Set<KeyContext> = [.overview, .schedules, .history, .events]
    /// Everywhere.
    static let anywhere: Set<KeyContext> = [.overview, .schedules, .history, .events, .detail]
}
