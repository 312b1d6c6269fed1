/// One line of the audit log: who did what, from which interface, to what.
public struct AuditEntry: Sendable, Equatable {
    /// Where an action came from.
    public enum Interface: String, Sendable, Hashable, CaseIterable {
        /// The `crontui` command line.
        case cli
        /// The HTTP API.
        case api
        /// The dashboard.
        case dashboard
        /// The scheduler itself (an automatic pause).
        case scheduler
    }

    /// The row id; 0 before it is stored.
    public var id: Int64
    /// When, epoch milliseconds; 0 before it is stored.
    public var at: Int64
    /// Who: a user name, a token's name, or `scheduler`.
    public var actor: String
    /// From where.
    public var interface: Interface
    /// What, e.g. `schedule.create`, `schedule.pause`, `schedule.auto_pause`, `schedule.run`.
    public var action: String
    /// To what, e.g. `schedule 42 (nightly-report)`.
    public var target: String?
    /// More about it, as flat text fields (never a secret).
    public var details: [String: String]

    /// An entry to record.
    public init(actor: String, interface: Interface, action: String, target: String? = nil, details: [String: String] = [:]) {
        self.id = 0
        self.at = 0
        self.actor = actor
        self.interface = interface
        self.action = action
        self.target = target
        self.details = details
    }
}
