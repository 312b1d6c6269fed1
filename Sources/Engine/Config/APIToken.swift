/// A named bearer token of the HTTP API and its role. The secret never appears in `description`.
public struct APIToken: Sendable, Equatable, CustomStringConvertible {
    /// Who the token stands for in the audit log.
    public var name: String
    /// What it may do.
    public var role: APIRole
    /// The token itself.
    public var secret: [UInt8]

    /// The shortest secret accepted: a short token is a guessable one.
    public static let minimumLength = 16

    /// A token `name` with `role`.
    public init(name: String, role: APIRole, secret: String) {
        self.name = name
        self.role = role
        self.secret = Array(secret.utf8)
    }

    /// `name (role)`.
    public var description: String { "\(name) (\(role.rawValue))" }
}
