/// Where and how to reach a Redis server, or a Redis Cluster, parsed from a `redis://`, `unix://`
/// or `redis+cluster://` URL.
///
/// Accepted forms: `redis://[[user]:password@]host[:port][/db]`,
/// `unix:///path/to/redis.sock[?db=N&password=P]` and
/// `redis+cluster://[[user]:password@]host:port,host:port,...` (a cluster: the nodes named are where
/// the client first learns the cluster's slot map; any one that answers will do; database 0 only).
public struct RedisEndpoint: Equatable, Sendable, CustomStringConvertible {
    /// TCP host, or nil for a unix socket.
    public var host: String?
    /// TCP port (default 6379).
    public var port: Int
    /// Unix socket path, or nil for TCP.
    public var socketPath: String?
    /// ACL user name for AUTH, if any.
    public var username: String?
    /// Password for AUTH, if any. Never shown by `description`.
    public var password: String?
    /// Database index for SELECT.
    public var database: Int
    /// The nodes a `redis+cluster://` URL names, each with the URL's credentials; empty for a single
    /// server. ``host`` and ``port`` are the first one's.
    public var clusterSeeds: [RedisEndpoint] = []

    /// True for a Redis Cluster (a `redis+cluster://` URL).
    public var isCluster: Bool { !clusterSeeds.isEmpty }

    /// A TCP endpoint.
    public init(host: String, port: Int = 6379, username: String? = nil, password: String? = nil, database: Int = 0) {
        self.host = host
        self.port = port
        self.socketPath = nil
        self.username = username
        self.password = password
        self.database = database
    }

    /// A unix-socket endpoint.
    public init(socketPath: String, username: String? = nil, password: String? = nil, database: Int = 0) {
        self.host = nil
        self.port = 0
        self.socketPath = socketPath
        self.username = username
        self.password = password
        self.database = database
    }

    /// A Redis Cluster reached first through `seeds` (TCP, database 0; none means 127.0.0.1:6379).
    public init(clusterSeeds seeds: [RedisEndpoint]) {
        self = seeds.first ?? RedisEndpoint(host: "127.0.0.1")
        self.clusterSeeds = seeds.isEmpty ? [self] : seeds
    }

    /// Parses `url`; `field` names the variable or flag it came from, for the error message.
    public init(url: String, field: String = "REDIS_URL") throws(ConfigurationError) {
        func fail(_ reason: String) -> ConfigurationError { ConfigurationError(field: field, reason: reason) }
        guard let schemeEnd = url.firstRange(of: "://") else {
            throw fail("expected redis://host:port/db, redis+cluster://host:port,host:port or unix:///path, got '\(URLText.redacted(url))'")
        }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        var rest = String(url[schemeEnd.upperBound...])
        var query: [String: String] = [:]
        if let q = rest.firstIndex(of: "?") {
            for pair in rest[rest.index(after: q)...].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                query[String(kv[0])] = kv.count > 1 ? URLText.percentDecoded(String(kv[1])) : ""
            }
            rest = String(rest[..<q])
        }
        switch scheme {
        case "redis", "redis+cluster":
            var user: String?
            var pass: String?
            if let at = rest.lastIndex(of: "@") {
                let credentials = rest[..<at]
                rest = String(rest[rest.index(after: at)...])
                if let colon = credentials.firstIndex(of: ":") {
                    let u = String(credentials[..<colon])
                    user = u.isEmpty ? nil : URLText.percentDecoded(u)
                    pass = URLText.percentDecoded(String(credentials[credentials.index(after: colon)...]))
                } else if !credentials.isEmpty {
                    pass = URLText.percentDecoded(String(credentials))
                }
            }
            var db = 0
            if let slash = rest.firstIndex(of: "/") {
                let dbText = rest[rest.index(after: slash)...]
                if !dbText.isEmpty {
                    guard let n = Int(dbText), n >= 0, dbText.allSatisfy(\.isASCII) else {
                        throw fail("database '\(dbText)' is not a number")
                    }
                    db = n
                }
                rest = String(rest[..<slash])
            }
            if let d = query["db"] {
                guard let n = Int(d), n >= 0 else { throw fail("database '\(d)' is not a number") }
                db = n
            }
            let password = pass ?? query["password"]
            guard scheme == "redis+cluster" else {
                let (host, port) = try Self.hostAndPort(rest, fail)
                self.init(host: host, port: port, username: user, password: password, database: db)
                return
            }
            guard db == 0 else { throw fail("a cluster has database 0 only, not \(db)") }
            var seeds: [RedisEndpoint] = []
            for node in rest.split(separator: ",", omittingEmptySubsequences: false) {
                let (host, port) = try Self.hostAndPort(String(node), fail)
                seeds.append(RedisEndpoint(host: host, port: port, username: user, password: password))
            }
            self.init(clusterSeeds: seeds)
        case "unix":
            guard rest.hasPrefix("/") else { throw fail("unix socket path must be absolute") }
            var db = 0
            if let d = query["db"] {
                guard let n = Int(d), n >= 0 else { throw fail("database '\(d)' is not a number") }
                db = n
            }
            self.init(socketPath: rest, username: query["user"], password: query["password"], database: db)
        default:
            throw fail("unknown URL scheme '\(scheme)' (use redis://, redis+cluster:// or unix://)")
        }
    }

    /// `host[:port]` or `[v6 address][:port]`; the port defaults to 6379.
    private static func hostAndPort(_ text: String, _ fail: (String) -> ConfigurationError) throws(ConfigurationError) -> (String, Int) {
        var hostText = text
        var port = 6379
        if hostText.hasPrefix("[") {  // IPv6 literal
            guard let close = hostText.firstIndex(of: "]") else { throw fail("unterminated IPv6 address") }
            let after = hostText[hostText.index(after: close)...]
            if after.hasPrefix(":") { port = try Self.port(String(after.dropFirst()), fail) }
            hostText = String(hostText[hostText.index(after: hostText.startIndex)..<close])
        } else if let colon = hostText.lastIndex(of: ":") {
            port = try Self.port(String(hostText[hostText.index(after: colon)...]), fail)
            hostText = String(hostText[..<colon])
        }
        guard !hostText.isEmpty else { throw fail("missing host") }
        return (hostText, port)
    }

    /// Builds an endpoint from the classic `REDIS_HOST` / `REDIS_PORT` pair.
    public init(host: String, portText: String?) throws(ConfigurationError) {
        guard !host.isEmpty else { throw ConfigurationError(field: "REDIS_HOST", reason: "must not be empty") }
        let port = try Self.port(portText ?? "6379") { ConfigurationError(field: "REDIS_PORT", reason: $0) }
        self.init(host: host, port: port)
    }

    private static func port(
        _ text: String, _ fail: (String) -> ConfigurationError
    ) throws(ConfigurationError) -> Int {
        guard let p = Int(text), text.allSatisfy(\.isASCII), (1...65535).contains(p) else {
            throw fail("port '\(text)' is not a number in 1-65535")
        }
        return p
    }

    /// A printable form without the password.
    public var description: String {
        let auth = password == nil ? "" : "\(username ?? ""):***@"
        if let socketPath { return "unix://\(socketPath)" + (database == 0 ? "" : "?db=\(database)") }
        if isCluster {
            let nodes = clusterSeeds.map { ($0.host ?? "").contains(":") ? "[\($0.host ?? "")]:\($0.port)" : "\($0.host ?? ""):\($0.port)" }
            return "redis+cluster://\(auth)" + nodes.joined(separator: ",")
        }
        return "redis://\(auth)\(host ?? ""):\(port)/\(database)"
    }
}
