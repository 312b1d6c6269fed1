import Engine
import Foundation

/// Where the integration tests find the real Redis and PostgreSQL that `make test` starts.
///
/// Suites that need them are marked `.enabled(if: TestServices.enabled)`: on a developer machine
/// without `REDIS_URL`/`DATABASE_URL` they are skipped; with `CI=true` they always run, and a missing
/// variable or a server that does not answer makes them fail.
package enum TestServices {
    package static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// True in CI, where integration tests must run.
    package static var isCI: Bool { environment["CI"] == "true" || environment["CI"] == "1" }

    /// Integration suites run when the services are configured, and always in CI.
    package static var enabled: Bool {
        isCI || (environment["REDIS_URL"] != nil && environment["DATABASE_URL"] != nil)
    }

    package struct Missing: Error, CustomStringConvertible {
        package var variable: String
        package var description: String { "\(variable) is not set: run the tests with `make test`" }
    }

    /// The Redis endpoint from `REDIS_URL`.
    package static func redisEndpoint() throws -> RedisEndpoint {
        guard let url = environment["REDIS_URL"], !url.isEmpty else { throw Missing(variable: "REDIS_URL") }
        return try RedisEndpoint(url: url)
    }

    /// The cluster suites run when `scripts/services.sh cluster up` wrote `CRONTUI_CLUSTER_URL`, and
    /// always in CI (where a missing one fails them).
    package static var clusterEnabled: Bool {
        isCI || environment["CRONTUI_CLUSTER_URL"] != nil
    }

    /// The Redis Cluster from `CRONTUI_CLUSTER_URL` (`redis+cluster://host:port,...`).
    package static func clusterEndpoint() throws -> RedisEndpoint {
        guard let url = environment["CRONTUI_CLUSTER_URL"], !url.isEmpty else { throw Missing(variable: "CRONTUI_CLUSTER_URL") }
        return try RedisEndpoint(url: url, field: "CRONTUI_CLUSTER_URL")
    }

    /// The PgBouncer suites run when `scripts/services.sh pgbouncer up` wrote `CRONTUI_PGBOUNCER_URL`,
    /// and always in CI (where a missing one fails them).
    package static var pgbouncerEnabled: Bool {
        isCI || environment["CRONTUI_PGBOUNCER_URL"] != nil
    }

    /// PgBouncer in transaction mode in front of `DATABASE_URL`'s server (`CRONTUI_PGBOUNCER_URL`).
    package static func pgbouncerURL() throws -> String {
        guard let url = environment["CRONTUI_PGBOUNCER_URL"], !url.isEmpty else { throw Missing(variable: "CRONTUI_PGBOUNCER_URL") }
        return url
    }

    /// The PostgreSQL endpoint from `DATABASE_URL`.
    package static func databaseEndpoint() throws -> PostgresEndpoint {
        guard let url = environment["DATABASE_URL"], !url.isEmpty else { throw Missing(variable: "DATABASE_URL") }
        return try PostgresEndpoint(url: url)
    }

    /// A name no other test (or test run) uses, for queue names, key prefixes and schemas.
    package static func uniqueName(_ prefix: String) -> String {
        prefix + "_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }
}
