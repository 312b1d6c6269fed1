import Engine
import Logging

extension ConnectionOptions {
    /// The flag or variable that named the database, for one-line errors.
    package var databaseField: String { databaseURL == nil ? "DATABASE_URL" : "--database-url" }

    /// The flag or variable that named Redis, for one-line errors.
    package var redisField: String { redisURL == nil ? "REDIS_URL" : "--redis-url" }

    /// Runs `body` with the system the flags and the environment name, and closes it afterwards.
    /// Unless `checkSchema` is false, the database's schema is checked first: when it is behind,
    /// the command stops with one line saying to run `crontui migrate`.
    package func withSystem<T>(
        checkSchema: Bool = true, logger: Logger = Logger(label: "crontui"), _ body: (CronSystem) async throws -> T
    ) async throws -> T {
        let system = CronSystem(configuration: try configuration(), logger: logger)
        do {
            if checkSchema { try await requireSchema(system) }
            let value = try await body(system)
            await system.close()
            return value
        } catch {
            await system.close()
            throw error
        }
    }

    /// The schema check, its refusal as the command line's one-line error.
    package func requireSchema(_ system: CronSystem) async throws {
        do {
            try await system.requireSchema()
        } catch {
            switch error.code {
            case .schemaBehind: throw RuntimeError(error.message)
            case .unavailable, .misconfigured: throw RuntimeError("\(databaseField): \(error.message)", exitCode: error.exitCode)
            }
        }
    }
}

extension SystemError {
    /// The exit code of a command it stops: 2 for a setting to correct, 1 otherwise.
    package var exitCode: Int32 { code == .misconfigured ? 2 : 1 }
}
