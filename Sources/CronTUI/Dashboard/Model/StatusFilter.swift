import Engine

/// The status chip cycled with `[` `]` or `←` `→`: which executions and events are shown.
enum StatusFilter: String, Sendable, Hashable, CaseIterable {
    case all
    case failed
    case succeeded
    case running
    case retrying
    case timedOut = "timed-out"

    /// The chip's label in the status line and the tab bar.
    var label: String {
        switch self {
        case .all: "All"
        case .failed: "Failed"
        case .succeeded: "Succeeded"
        case .running: "Running"
        case .retrying: "Retrying"
        case .timedOut: "Timed out"
        }
    }

    /// Whether an execution with `status` passes this filter.
    func matches(_ status: ExecutionStatus) -> Bool {
        switch self {
        case .all: true
        case .failed: status == .failed
        case .succeeded: status == .succeeded
        case .running: status == .running
        case .retrying: status == .retrying
        case .timedOut: status == .timedOut
        }
    }

    /// The next (`step` 1) or previous (`step` -1) chip, wrapping around.
    func cycled(by step: Int) -> StatusFilter {
        let all = Self.allCases
        let index = all.firstIndex(of: self)!
        return all[(index + step + all.count) % all.count]
    }
}
