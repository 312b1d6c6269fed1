/// What a cell means; the terminal adapter turns each role into colours or attributes, so the
/// screen itself says nothing about colour.
enum StyleRole: UInt8, Sendable, Hashable, CaseIterable {
    case normal
    case dim
    case strong
    case border
    case title
    case columnHeading
    case selection
    case tab
    case activeTab
    case key
    case ok
    case failed
    case running
    case retrying
    /// Attention without alarm: stale data, paused things, an active filter.
    case warning
    /// Alarm: disconnected.
    case error
    case prompt
    case accent
}
