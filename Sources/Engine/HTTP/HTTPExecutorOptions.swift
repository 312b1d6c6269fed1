/// How the ``HTTPExecutor`` makes requests.
public struct HTTPExecutorOptions: Sendable {
    /// The most response-body bytes kept per attempt (default 64 KiB); the full size is still counted.
    public var responseBodyLimit: Int = 64 * 1024
    /// Redirects followed before the attempt fails (default 5).
    public var maxRedirects: Int = 5
    /// The timeout of a request whose job gives none (default 30 s).
    public var defaultTimeout: Duration = .seconds(30)
    /// How long making a connection may take, within the request's timeout (default 10 s).
    public var connectTimeout: Duration = .seconds(10)
    /// Connections kept per host; set it to at least the worker concurrency so requests to one
    /// target do not queue behind each other (default 64).
    public var connectionsPerHost: Int = 64
    /// Sent as `User-Agent` unless the job sets its own.
    public var userAgent: String = "crontui/\(CrontuiVersion.string)"
    /// Which header values are secrets.
    public var redaction = Redaction()

    /// The defaults.
    public init() {}
}
