import Engine

/// One dependency `/readyz` asks: Redis answers PING, PostgreSQL answers `SELECT 1`.
public struct ReadinessCheck: Sendable {
    /// Its name in the response (`redis`, `postgres`).
    public var name: String
    /// Throws when the dependency does not answer.
    public var check: @Sendable () async throws -> Void

    /// A check named `name`.
    public init(name: String, check: @escaping @Sendable () async throws -> Void) {
        self.name = name
        self.check = check
    }

    /// Redis answers PING.
    public static func redis(_ system: CronSystem) -> ReadinessCheck {
        ReadinessCheck(name: "redis") { try await system.pingRedis() }
    }

    /// What the engine's ``DependencyMonitor`` last saw of `dependency`: no probe at request time,
    /// so a hung dependency does not hold the answer up.
    public static func monitor(_ monitor: DependencyMonitor, _ dependency: DependencyMonitor.Dependency) -> ReadinessCheck {
        ReadinessCheck(name: dependency.rawValue) {
            if let failure = monitor.failure(dependency) { throw APIError.unavailable(failure) }
        }
    }

    /// PostgreSQL answers `SELECT 1`.
    public static func postgres(_ system: CronSystem) -> ReadinessCheck {
        ReadinessCheck(name: "postgres") { try await system.pingPostgres() }
    }
}
