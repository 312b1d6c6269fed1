/// The one error type of the PostgreSQL layer.
///
/// `code` says what kind of failure it was; for errors the server reported, `sqlState` holds the
/// five-character SQLSTATE (`23505` is a unique violation), `message` the server's primary message
/// and `detail` its detail line. ``description`` is a single line fit for a log or a terminal.
public struct PostgresError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of failure. Extensible: new codes may be added; compare with `==`.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short name, e.g. `connection lost`.
        public let name: String

        private init(_ name: String) { self.name = name }

        public var description: String { name }

        /// The connection string is not one libpq can parse.
        public static let invalidConfiguration = Code("invalid connection string")
        /// The server could not be reached, or refused the connection (e.g. authentication).
        public static let connectionFailed = Code("connection failed")
        /// The connection died while a statement was in flight; the statement may or may not have run.
        /// The next call reconnects.
        public static let connectionLost = Code("connection lost")
        /// The server refused the statement; `sqlState` says why.
        public static let server = Code("server error")
        /// `COMMIT` found a failed transaction and rolled it back instead.
        public static let transactionRolledBack = Code("transaction rolled back")
        /// A parameter libpq cannot send, e.g. text holding a NUL byte.
        public static let invalidParameter = Code("invalid parameter")
        /// A column could not be decoded as the type asked for.
        public static let decoding = Code("decoding error")
        /// The statement is not supported by this client (e.g. `COPY`).
        public static let unsupported = Code("unsupported")
        /// The connection or pool was closed.
        public static let closed = Code("closed")
        /// The task waiting for a connection was cancelled.
        public static let cancelled = Code("cancelled")
    }

    /// What kind of failure this is.
    public var code: Code
    /// The SQLSTATE the server reported, if it reported one.
    public var sqlState: String?
    /// The server's primary message, or libpq's / this client's explanation.
    public var message: String
    /// The server's detail line, if any.
    public var detail: String?

    /// Creates an error. Whitespace runs in `message` and `detail` (libpq's messages hold newlines
    /// and tabs) are collapsed so ``description`` stays on one line.
    public init(code: Code, message: String, sqlState: String? = nil, detail: String? = nil) {
        self.code = code
        self.message = Self.oneLine(message)
        self.sqlState = sqlState
        self.detail = detail.map(Self.oneLine).flatMap { $0.isEmpty ? nil : $0 }
    }

    /// `code: message [SQLSTATE xxxxx] (detail)`, on one line.
    public var description: String {
        var text = "\(code.name): \(message)"
        if let sqlState { text += " [SQLSTATE \(sqlState)]" }
        if let detail { text += " (\(detail))" }
        return text
    }

    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
