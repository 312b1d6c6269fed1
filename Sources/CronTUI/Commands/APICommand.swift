import API
import ArgumentParser
import CommandSupport
import Engine
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// `crontui api`: the HTTP API on its own (no workers, no scheduler): an API node beside the
/// `serve` processes, and what the benchmarks and the fuzzer drive; `crontui serve` runs the same
/// server beside the engine.
struct APICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Serve the HTTP API alone, without workers or scheduler (queue, schedules, history, metrics)."
    )

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup var apiOptions: APIOptions

    func run() async throws {
        let api = try apiOptions.configuration()
        try apiOptions.checkListenable(api)
        let system = CronSystem(configuration: try connection.configuration(), connections: .server)
        do throws(SystemError) {
            _ = try await system.migrate()
        } catch {
            await system.close()
            throw RuntimeError(error.message, exitCode: error.exitCode)
        }
        let registry = PrometheusMetrics.bootstrap()
        let dependencies = APIDependencies.engine(system, registry: registry)
        var logger = Logger(label: "crontui.api")
        logger.logLevel = .warning
        let server = APIServer(configuration: api, dependencies: dependencies, logger: logger)
        let host = api.host
        do {
            try await server.runUntilSignalled { port in
                // Unbuffered, so a script waiting for the port sees it at once.
                var line = Array("listening on http://\(host):\(port)\n".utf8)
                _ = line.withUnsafeMutableBytes { write(1, $0.baseAddress, $0.count) }
            }
        } catch let error as ConfigurationError {
            await system.close()
            throw error
        } catch {
            await system.close()
            throw RuntimeError("the API server stopped: \(error)")
        }
        await system.close()
    }
}
