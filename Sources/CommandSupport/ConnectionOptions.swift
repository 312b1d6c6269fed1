import ArgumentParser
import Engine

#if canImport(Glibc)
    import Glibc
#endif

/// Flags shared by every command that talks to Redis or PostgreSQL. They override the environment.
package struct ConnectionOptions: ParsableArguments {
    package init() {}

    @Option(name: .customLong("redis-url"), help: "Redis URL (overrides REDIS_URL).")
    package var redisURL: String?

    @Option(name: .customLong("database-url"), help: "PostgreSQL URL (overrides DATABASE_URL).")
    package var databaseURL: String?

    @Option(name: .customLong("queue"), help: "Queue name (overrides QUEUE_NAME).")
    package var queueName: String?

    /// The resolved configuration (`serve` adds its `--concurrency` and `--queues`); a bad value
    /// throws a ``ConfigurationError`` naming its source.
    package func configuration(workerConcurrency: String? = nil, queues: String? = nil) throws -> EngineConfiguration {
        try EngineConfiguration.resolve(
            environment: ProcessEnvironment.current,
            flags: .init(redisURL: redisURL, databaseURL: databaseURL, queueName: queueName, workerConcurrency: workerConcurrency, queues: queues))
    }
}

/// The process environment as a dictionary.
package enum ProcessEnvironment {
    package static var current: [String: String] {
        var result: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") {
                result[String(s[..<eq])] = String(s[s.index(after: eq)...])
            }
            p += 1
        }
        return result
    }
}

extension ProcessEnvironment {
    /// Whether the environment's locale is UTF-8 (LC_ALL, then LC_CTYPE, then LANG).
    package static var localeIsUTF8: Bool {
        let env = current
        let locale = [env["LC_ALL"], env["LC_CTYPE"], env["LANG"]].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }
}
