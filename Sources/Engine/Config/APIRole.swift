/// What an API token may do.
public enum APIRole: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Read routes only.
    case read
    /// Every route, mutations included.
    case admin

    /// `read` < `admin`.
    public static func < (a: APIRole, b: APIRole) -> Bool { a == .read && b == .admin }
}
