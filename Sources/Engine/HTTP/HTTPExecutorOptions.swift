/// How the ``HTTPExecutor`` makes requests.
package struct HTTPExecutorOptions: Sendable {
    /// The most response-body bytes kept per attempt (default 64 KiB); the full size is still counted.
    package var responseBodyLimit: Int = 64 * 1024
    /// Redirects followed before the attempt fails (default 5).
    package var maxRedirects: Int = 5
    /// The timeout of a request whose job gives none (default 30 s).
    package var defaultTimeout: Duration = .seconds(30)
    /// How long making a connection may take, within the request's timeout (default 10 s).
    package var connectTimeout: Duration = .seconds(10)
    /// Connections kept per host; set it to at least the worker concurrency so requests to one
    /// target do not queue behind each other (default 64).
    package var connectionsPerHost: Int = 64
    /// Sent as `User-Agent` unless the job sets its own.
    package var userAgent: String = "crontui/\(CrontuiVersion.string)"
    /// Which header values are secrets.
    package var redaction = Redaction()

    /// The defaults.
    package init() {}
}
