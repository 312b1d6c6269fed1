/// Where one execution of a job stands, as the dashboard shows it.
enum ExecutionStatus: String, Sendable, Hashable, CaseIterable {
    case queued
    case running
    case succeeded
    case failed
    case retrying
    case timedOut = "timed out"

    /// True for outcomes an operator looks for with `f` (failures only).
    var isFailure: Bool { self == .failed || self == .timedOut || self == .retrying }
}
