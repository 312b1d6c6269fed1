import Engine

/// The status chip cycled with `[` `]` or `←` `→` (and `f` for problems): which executions,
/// events and schedules (by their latest attempt) are shown.
enum StatusFilter: String, Sendable, Hashable, CaseIterable {
    case all
    /// Failed and timed out together: what needs a look.
    case problems
    case failed
    case timedOut = "timed-out"
    case retrying
    case running
    case succeeded

    /// The chip's label in the status line and the tab bar.
    var label: String {
        switch self {
        case .all: "All"
        case .problems: "Problems"
        case .failed: "Failed"
        case .timedOut: "Timed out"
        case .retrying: "Retrying"
        case .running: "Running"
        case .succeeded: "Succeeded"
        }
    }

    /// What a title says is applied: `problems (failed, timed out)`, `failed`.
    var title: String {
        self == .problems ? "problems (failed, timed out)" : label.lowercased()
    }

    /// The statuses that pass; empty for ``all``, which passes every one.
    var statuses: Set<ExecutionStatus> {
        switch self {
        case .all: []
        case .problems: [.failed, .timedOut]
        case .failed: [.failed]
        case .timedOut: [.timedOut]
        case .retrying: [.retrying]
        case .running: [.running]
        case .succeeded: [.succeeded]
        }
    }

    /// Whether an execution with `status` passes this filter.
    func matches(_ status: ExecutionStatus) -> Bool {
        self == .all || statuses.contains(status)
    }

    /// The next (`step` 1) or previous (`step` -1) chip, wrapping around.
    func cycled(by step: Int) -> StatusFilter {
        let all = Self.allCases
        let index = all.firstIndex(of: self)!
        return all[(index + step + all.count) % all.count]
    }
}
