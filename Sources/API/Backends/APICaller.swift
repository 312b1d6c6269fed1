import Engine

/// Who calls: the name of the token presented (for the audit log) and its role. A call without a
/// token (allowed for reads on loopback) is `anonymous` with role `read`.
public struct APICaller: Sendable, Equatable {
    /// The token's name, or `anonymous`.
    public var name: String
    /// What the caller may do.
    public var role: APIRole

    /// A caller without a token.
    public static let anonymous = APICaller(name: "anonymous", role: .read)

    /// Who the audit log names: the token's name, through the API.
    var auditCaller: CronSystem.Caller { CronSystem.Caller(actor: name, interface: .api) }
}
