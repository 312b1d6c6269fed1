import Engine
import Foundation

/// Everything that can happen to the dashboard: keys, time, and answers from the source. The runner
/// turns the world into these; ``DashboardState/update(_:)`` turns them into state and effects.
enum DashboardInput: Sendable {
    /// The dashboard starts: load everything.
    case start
    case key(Key)
    case resize(TerminalSize)
    /// The wall clock, once a second: the clock, data age and flash expiry follow it.
    case tick(Date)
    /// The refresh interval elapsed.
    case refreshDue
    case snapshotLoaded(DashboardSnapshot, at: Date)
    case snapshotFailed(String, at: Date)
    case historyLoaded(ExecutionPage, for: ExecutionQuery)
    case historyFailed(String, for: ExecutionQuery)
    case detailLoaded(ExecutionDetail?, id: Int64)
    case detailFailed(String, id: Int64)
    /// The execution of the feed's event `eventID`, nil when it is not recorded yet.
    case executionFound(Int64?, eventID: String)
    case executionLookupFailed(String, eventID: String)
    /// Events of the event subscription numbered `subscription` (see ``Effect/subscribeEvents(queue:subscription:)``).
    case eventsArrived([DashboardEvent], subscription: Int = 0)
    case eventsFailed(String, subscription: Int = 0)
    case commandSucceeded(OperatorCommand, message: String)
    case commandFailed(OperatorCommand, message: String)
}
