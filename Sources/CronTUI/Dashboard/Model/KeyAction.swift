/// What a key does; ``DashboardState`` carries it out.
enum KeyAction: Sendable, Hashable {
    case quit
    case back
    case cancel
    case help
    case nextView
    case previousView
    case show(DashboardView)
    case up
    case down
    case pageUp
    case pageDown
    case halfPageUp
    case halfPageDown
    case top
    case bottom
    case open
    case filter
    case previousStatus
    case nextStatus
    case failuresOnly
    case sort
    case rerun
    case pauseSchedule
    case pauseQueue
    case nextQueue
    case freeze
    case refresh
    case repaint
    case follow
    case wrap
    case slower
    case faster
}
