internal import CPostgres

/// Where to reach PostgreSQL: a `postgres://` / `postgresql://` URL as libpq understands it.
///
/// The URL is checked here for the mistakes operators make (wrong scheme, bad port), then parsed
/// whole as libpq will read it, so that start-up names a bad one before anything connects.
public struct PostgresEndpoint: Equatable, Sendable, CustomStringConvertible {
    /// The libpq connection string (a URL).
    public var conninfo: String
    /// Whether data statements are prepared once per session and reused
    /// (`DATABASE_PREPARED_STATEMENTS`, default true). Off, every statement is sent unnamed (parsed
    /// and planned each time), as a pooler in transaction mode requires (PgBouncer before 1.21, or
    /// without `max_prepared_statements`): there a session's statements do not follow it from one
    /// transaction to the next.
    public var preparedStatements = true
    /// The connection string of the scheduler's `LISTEN` connection (`DATABASE_LISTEN_URL`); nil:
    /// ``conninfo``. Behind a pooler in transaction mode, `LISTEN` needs a direct (or session-mode)
    /// connection.
    public var listenConninfo: String?

    /// Parses and checks `url`; `field` names the variable or flag it came from.
    public init(url: String, field: String = "DATABASE_URL") throws(ConfigurationError) {
        func fail(_ reason: String) -> ConfigurationError { ConfigurationError(field: field, reason: reason) }
        guard let schemeEnd = url.firstRange(of: "://") else {
            throw fail("expected postgres://user@host:port/database, got '\(URLText.redacted(url))'")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        guard scheme == "postgres" || scheme == "postgresql" else {
            throw fail("unknown URL scheme '\(scheme)' (use postgres://)")
        }
        var authority = url[schemeEnd.upperBound...]
        if let end = authority.firstIndex(where: { $0 == "/" || $0 == "?" }) { authority = authority[..<end] }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        // Several comma-separated hosts are allowed by libpq; check each port.
        for hostPort in authority.split(separator: ",") {
            guard !hostPort.hasPrefix("[") || hostPort.contains("]") else { throw fail("unterminated IPv6 address") }
            let afterBracket = hostPort.lastIndex(of: "]").map { hostPort[$0...] } ?? hostPort
            if let colon = afterBracket.lastIndex(of: ":") {
                let portText = afterBracket[afterBracket.index(after: colon)...]
                guard let p = Int(portText), portText.allSatisfy(\.isASCII), (1...65535).contains(p) else {
                    throw fail("port '\(portText)' is not a number in 1-65535")
                }
            }
        }
        // Then everything else, as libpq will read it (parameters, escapes), without connecting.
        if let message = Self.libpqParseError(url) { throw fail(Redaction.message(message)) }
        self.conninfo = url
    }

    /// What libpq finds wrong in `conninfo` (a URL or `key=value` pairs), read as it will read it
    /// (parameters, escapes) without connecting; nil when nothing.
    static func libpqParseError(_ conninfo: String) -> String? {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(conninfo, &error) else {
            let message = error.map { String(cString: $0) } ?? "cannot parse the connection string"
            if let error { PQfreemem(error) }
            return message
        }
        PQconninfoFree(options)
        return nil
    }

    /// Where the scheduler listens for schedule changes: ``listenConninfo`` when set, else the same
    /// endpoint.
    package var listening: PostgresEndpoint {
        var endpoint = self
        endpoint.conninfo = listenConninfo ?? conninfo
        endpoint.listenConninfo = nil
        return endpoint
    }

    /// The URL with any password replaced by `***`.
    public var description: String { URLText.redacted(conninfo) }
}
