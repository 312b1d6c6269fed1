import Foundation

/// Where the HTTP API listens and who may call it, resolved as: flags override environment,
/// environment overrides defaults. A bad value raises a ``ConfigurationError`` naming the variable
/// or flag.
///
/// Tokens come from `API_TOKEN` (one admin token named `admin`) and/or `API_TOKENS_FILE`: one token
/// a line, `name role token`, role `read` or `admin`; blank lines and lines starting with `#` are
/// skipped. A bind beyond loopback without any token is refused.
public struct APIConfiguration: Sendable, Equatable {
    /// The address to bind (`API_HOST`, `--api-host`; default 127.0.0.1).
    public var host: String
    /// The port (`API_PORT`, `--api-port`; default 8080; 0 picks a free one).
    public var port: Int
    /// The accepted tokens.
    public var tokens: [APIToken]
    /// The largest request body accepted, in bytes (`API_MAX_BODY_BYTES`; default 2 MiB).
    public var maxBodyBytes: Int
    /// How long a client has to send a whole request, head and body, from its first byte
    /// (`API_REQUEST_TIMEOUT` seconds; default 10). A late request gets 408 and the connection closes.
    public var requestTimeout: Duration
    /// How long a kept-alive connection may wait for its next request (`API_IDLE_TIMEOUT` seconds;
    /// default 15). A new connection gets the same time to send its first byte.
    public var idleTimeout: Duration
    /// Connections open at once (`API_MAX_CONNECTIONS`; default 2048). Beyond it the server stops
    /// accepting, logs one line, and later clients wait in the listen backlog until one closes.
    public var maxConnections: Int

    /// Values given as command-line flags; nil means "not given".
    public struct Flags: Sendable, Equatable {
        public var host: String?
        public var port: String?
        /// Creates an empty set of flags.
        public init(host: String? = nil, port: String? = nil) {
            self.host = host
            self.port = port
        }
    }

    /// The default bind address.
    public static let defaultHost = "127.0.0.1"
    /// The default port.
    public static let defaultPort = 8080
    /// The default body limit.
    public static let defaultMaxBodyBytes = 2 * 1_048_576
    /// The default time to send a whole request.
    public static let defaultRequestTimeout = Duration.seconds(10)
    /// The default keep-alive idle time.
    public static let defaultIdleTimeout = Duration.seconds(15)
    /// The default cap on open connections.
    public static let defaultMaxConnections = 2_048

    /// A configuration from values (tests, embedding).
    public init(
        host: String = defaultHost, port: Int = defaultPort, tokens: [APIToken] = [], maxBodyBytes: Int = defaultMaxBodyBytes,
        requestTimeout: Duration = defaultRequestTimeout, idleTimeout: Duration = defaultIdleTimeout, maxConnections: Int = defaultMaxConnections
    ) {
        self.host = host
        self.port = port
        self.tokens = tokens
        self.maxBodyBytes = maxBodyBytes
        self.requestTimeout = requestTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }

    /// Whether `host` only accepts connections from this machine.
    public var isLoopback: Bool { Self.isLoopback(host) }

    /// True for `localhost`, `::1` and 127.0.0.0/8.
    public static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "[::1]" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// Resolves the configuration from `environment` and `flags`; reads the token file if one is named.
    public static func resolve(environment: [String: String], flags: Flags = Flags()) throws(ConfigurationError) -> APIConfiguration {
        func env(_ key: String) -> String? {
            guard let v = environment[key], !v.isEmpty else { return nil }
            return v
        }
        let (host, hostField) = flags.host.map { ($0, "--api-host") } ?? env("API_HOST").map { ($0, "API_HOST") } ?? (defaultHost, "--api-host")
        guard !host.isEmpty, host.utf8.count <= 253, host.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0 != "/" }) else {
            throw ConfigurationError(field: hostField, reason: "'\(host.prefix(60))' is not a host name or address")
        }
        var port = defaultPort
        if let (text, field) = flags.port.map({ ($0, "--api-port") }) ?? env("API_PORT").map({ ($0, "API_PORT") }) {
            guard let n = Int(text), text.allSatisfy(\.isASCII), (0...65535).contains(n) else {
                throw ConfigurationError(field: field, reason: "'\(text.prefix(20))' is not a port number in 0-65535")
            }
            port = n
        }
        var maxBody = defaultMaxBodyBytes
        if let text = env("API_MAX_BODY_BYTES") {
            guard let n = Int(text), (1_024...(64 * 1_048_576)).contains(n) else {
                throw ConfigurationError(field: "API_MAX_BODY_BYTES", reason: "'\(text.prefix(20))' is not a whole number of bytes in 1024-67108864")
            }
            maxBody = n
        }
        func number(_ key: String, in range: ClosedRange<Int>, unit: String) throws(ConfigurationError) -> Int? {
            guard let text = env(key) else { return nil }
            guard let n = Int(text), text.allSatisfy(\.isASCII), range.contains(n) else {
                throw ConfigurationError(
                    field: key, reason: "'\(text.prefix(20))' is not a whole number of \(unit) in \(range.lowerBound)-\(range.upperBound)")
            }
            return n
        }
        let requestTimeout = try number("API_REQUEST_TIMEOUT", in: 1...600, unit: "seconds").map { Duration.seconds($0) } ?? defaultRequestTimeout
        let idleTimeout = try number("API_IDLE_TIMEOUT", in: 1...3_600, unit: "seconds").map { Duration.seconds($0) } ?? defaultIdleTimeout
        let maxConnections = try number("API_MAX_CONNECTIONS", in: 16...65_536, unit: "connections") ?? defaultMaxConnections
        var tokens: [APIToken] = []
        if let secret = env("API_TOKEN") {
            try checkSecret(secret, field: "API_TOKEN")
            tokens.append(APIToken(name: "admin", role: .admin, secret: secret))
        }
        if let path = env("API_TOKENS_FILE") {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                throw ConfigurationError(field: "API_TOKENS_FILE", reason: "cannot read '\(path)'")
            }
            tokens += try parseTokens(text, field: "API_TOKENS_FILE")
        }
        var names = Set<String>()
        for token in tokens where !names.insert(token.name).inserted {
            throw ConfigurationError(field: "API_TOKENS_FILE", reason: "the token name '\(token.name)' is used twice")
        }
        // One token, one role: a secret listed twice would act with whichever entry matched first.
        var secrets = Set<[UInt8]>()
        for token in tokens where !secrets.insert(token.secret).inserted {
            throw ConfigurationError(
                field: "API_TOKENS_FILE", reason: "the token of '\(token.name)' is also listed under another name; give each name its own token")
        }
        let configuration = APIConfiguration(
            host: host, port: port, tokens: tokens, maxBodyBytes: maxBody, requestTimeout: requestTimeout, idleTimeout: idleTimeout,
            maxConnections: maxConnections)
        if !configuration.isLoopback && tokens.isEmpty {
            throw ConfigurationError(
                field: hostField, reason: "binding \(host) (beyond loopback) needs API_TOKEN or API_TOKENS_FILE: every route then requires a token")
        }
        return configuration
    }

    /// Parses the lines of a token file; errors name `field` and the line number, never a secret.
    public static func parseTokens(_ text: String, field: String) throws(ConfigurationError) -> [APIToken] {
        var tokens: [APIToken] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let where_ = "\(field) line \(index + 1)"
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count == 3 else { throw ConfigurationError(field: where_, reason: "expected 'name role token'") }
            let name = String(parts[0])
            guard name.utf8.count <= 64, name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
                throw ConfigurationError(field: where_, reason: "the name must be 1-64 visible ASCII characters")
            }
            guard let role = APIRole(rawValue: String(parts[1])) else {
                throw ConfigurationError(field: where_, reason: "role '\(parts[1].prefix(20))' is not read or admin")
            }
            try checkSecret(String(parts[2]), field: where_)
            tokens.append(APIToken(name: name, role: role, secret: String(parts[2])))
        }
        return tokens
    }

    private static func checkSecret(_ secret: String, field: String) throws(ConfigurationError) {
        guard secret.utf8.count >= APIToken.minimumLength, secret.utf8.count <= 512 else {
            throw ConfigurationError(field: field, reason: "a token must be \(APIToken.minimumLength)-512 characters")
        }
        guard secret.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }) else {
            throw ConfigurationError(field: field, reason: "a token must be visible ASCII characters")
        }
    }
}
