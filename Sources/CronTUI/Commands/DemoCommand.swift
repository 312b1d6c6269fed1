import ArgumentParser
import CommandSupport
import Demo
import Engine
import Logging
import ServiceLifecycle
import UnixSignals

/// `crontui demo`: demo schedules against a demo target on 127.0.0.1, so a fresh install shows
/// successes, retries, timeouts and failures within a minute.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Seed demo schedules and run them against a local demo target.",
        subcommands: [Run.self, Seed.self, Target.self],
        defaultSubcommand: Run.self
    )

    static let defaultPort = 8077

    static func base(port: Int) -> String { "http://127.0.0.1:\(port)" }

    /// The demo target the engine serves beside its workers when `DEMO_TARGET_PORT` (or
    /// `--demo-target-port`) is set.
    static func targets(_ configuration: EngineConfiguration, logger: Logger) -> [any EngineComponent] {
        guard let port = configuration.demoTargetPort else { return [] }
        var logger = logger
        logger[metadataKey: "component"] = "crontui.demo"
        return [DemoTargetComponent(port: port, logger: logger)]
    }

    static func validate(port: Int) throws {
        try UsageError.check("--port", port, in: 1...65_535)
    }

    /// Migrates and seeds (the demo is a first run, as `make run` is); returns the schedule ids.
    static func seed(_ system: CronSystem, port: Int) async throws -> [String: Int64] {
        do {
            _ = try await system.migrate()
            return try await DemoSchedules.seed(into: system, targetBase: base(port: port), by: OperatorIdentity.cliCaller)
        } catch let error as ScheduleError {
            throw RuntimeError("cannot seed the demo schedules: \(error)")
        } catch {
            throw RuntimeError("cannot seed the demo schedules in PostgreSQL at \(system.configuration.database): \(error)")
        }
    }

    /// `crontui demo` / `crontui demo run`: seed, serve the target, run the workers, and run each
    /// demo schedule once right away; Ctrl-C stops.
    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run", abstract: "Seed, serve the demo target, run every demo schedule once now, and work the queue until Ctrl-C.")

        @OptionGroup var connection: ConnectionOptions

        @Option(help: "Port of the demo target on 127.0.0.1.")
        var port: Int = DemoCommand.defaultPort

        func validate() throws { try UsageError.checking { try DemoCommand.validate(port: port) } }

        func run() async throws {
            var configuration = try connection.configuration()
            configuration.demoTargetPort = port
            let logger = try LogSetup.bootstrap(configuration)
            let system = CronSystem(configuration: configuration, connections: .server, logger: logger)
            let ids: [String: Int64]
            do {
                ids = try await DemoCommand.seed(system, port: port)
            } catch {
                await system.close()
                throw error
            }
            print("seeded \(ids.count) demo schedules against \(DemoCommand.base(port: port)); running each once now (Ctrl-C stops)")
            let engine = system.engine()
            let runtime = engine.runtime(targets: DemoCommand.targets(configuration, logger: logger), signals: [.sigterm, .sigint])
            Task {
                for id in ids.values.sorted() {
                    do {
                        _ = try await system.runSchedule(.id(id), by: OperatorIdentity.cliCaller)
                    } catch {
                        logger.error("cannot run demo schedule \(id) now: \(error)")
                    }
                }
            }
            try await engine.run(runtime)
        }
    }

    /// `crontui demo seed`: only insert the demo schedules.
    struct Seed: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "seed", abstract: "Insert the demo schedules (idempotent).")

        @OptionGroup var connection: ConnectionOptions

        @Option(help: "Port of the demo target on 127.0.0.1.")
        var port: Int = DemoCommand.defaultPort

        func validate() throws { try UsageError.checking { try DemoCommand.validate(port: port) } }

        func run() async throws {
            let ids = try await connection.withSystem(checkSchema: false) { system in try await DemoCommand.seed(system, port: port) }
            print("seeded \(ids.count) demo schedules against \(DemoCommand.base(port: port))")
        }
    }

    /// `crontui demo target`: only serve the demo target.
    struct Target: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "target", abstract: "Serve the demo target on 127.0.0.1 until Ctrl-C.")

        @Option(help: "Port on 127.0.0.1 (0: any free port).")
        var port: Int = DemoCommand.defaultPort

        func validate() throws {
            try UsageError.checking {
                try UsageError.check("--port", port, in: 0...65_535)
            }
        }

        func run() async throws {
            let server: LoopbackHTTPServer
            do {
                server = try await DemoTarget().serve(port: port)
            } catch {
                throw RuntimeError("cannot listen on 127.0.0.1:\(port): \(error)")
            }
            print(
                "demo target on \(DemoCommand.base(port: server.port)): /ok /fail /slow?ms=N /ratelimited?after=S /flaky?key=K&failures=N /notfound")
            try? await Termination.wait()
            await server.shutdown()
        }
    }
}
