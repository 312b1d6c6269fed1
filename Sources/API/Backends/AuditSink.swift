/// Where the API writes the audit entries of the mutations it makes itself (queue pause and resume,
/// job retry and rerun); schedule mutations are audited by the ``ScheduleAPIBackend``.
public protocol AuditSink: Sendable {
    /// Appends one entry: `actor` did `action` to `target` through the API.
    func record(actor: String, action: String, target: String?, details: [String: String]) async throws(APIError)
}
