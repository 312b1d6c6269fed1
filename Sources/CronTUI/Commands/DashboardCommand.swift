import ArgumentParser
import CommandSupport
import Demo
import Engine
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `crontui dashboard` (the default): the live terminal dashboard.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard (the engine runs in-process unless --watch)."
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Attach to a running system: no workers, no scheduler in this process.")
    var watch = false

    @Flag(help: "Disable every change (rerun, pause, resume).")
    var readonly = false

    @Option(help: "How often to poll, e.g. 500ms, 2s (at least 250ms).")
    var refresh = "2s"

    @Flag(name: .customLong("no-color"), help: "No colours (NO_COLOR is honoured too).")
    var noColor = false

    @Flag(help: "Draw with ASCII characters only (the default when the locale is not UTF-8).")
    var ascii = false

    @Flag(help: "Draw with Unicode even when the locale is not UTF-8.")
    var unicode = false

    @Option(help: "The view to start in: overview, schedules, history, events.")
    var view: String?

    @Option(help: ArgumentHelp("The status filter to start with: \(Self.statusChoices) (problems: failed and timed out)."))
    var status: String?

    /// Every `--status` value, in the order the History view's chips show them.
    static let statusChoices = StatusFilter.allCases.map(\.rawValue).joined(separator: ", ")

    @Option(help: "The name filter to start with (a|b: either, !x: not).")
    var filter: String?

    @Flag(help: "Print one snapshot as plain text and exit (automatic when stdout is not a terminal).")
    var once = false

    @Option(help: "How long Esc waits for the rest of a key sequence, e.g. 40ms.")
    var escdelay = "40ms"

    func run() async throws {
        var options = try dashboardOptions()
        var terminalOptions = try self.terminalOptions()
        terminalOptions.unicode = !options.ascii
        let clock = SystemDashboardClock()
        let plainReason = SnapshotReason(
            once: once, stdinIsTerminal: isatty(0) != 0, stdoutIsTerminal: isatty(1) != 0, term: ProcessEnvironment.current["TERM"])
        let plain = plainReason != nil
        var configuration = try connection.configuration()
        if watch || plain, let start = connection.queueName {
            // No engine here: `--queue` is the queue to start on, and the system's default queue
            // (that of the schedules naming none) stays `QUEUE_NAME`.
            var system = connection
            system.queueName = nil
            configuration = try system.configuration()
            options.queue = start
        }
        // The terminal belongs to the dashboard: logs go to a file.
        if configuration.logFile == nil { configuration.logFile = Self.defaultLogFile() }
        let logger = try LogSetup.bootstrap(configuration)
        let system = CronSystem(configuration: configuration, connections: .server, logger: logger)
        let engine = system.engine()
        let source = EngineDashboardSource(
            system: system, readonly: readonly, caller: OperatorIdentity.dashboardCaller, target: configuration.redis.description)
        // The engine runs here unless we only watch (or print one snapshot).
        var running: Task<Void, any Error>?
        var runtime: EngineRuntime?
        if !watch && !plain {
            await ServeCommand.migrate(system, logger: logger)
            let r = engine.runtime(targets: DemoCommand.targets(configuration, logger: logger))
            runtime = r
            running = Task { try await r.run() }
        }
        let result: Result<Int32?, any Error>
        do {
            result = .success(
                try await show(source: source, plain: plainReason, clock: clock, options: options, terminalOptions: terminalOptions))
        } catch {
            result = .failure(error)
        }
        // Stop taking jobs; in-flight ones finish within the grace period or go back to the queue.
        runtime?.shutdown()
        _ = try? await running?.value
        await engine.close()
        if let status = try result.get() { Glibc.exit(status) }
    }

    /// Where the dashboard's logs go when `LOG_FILE` is not set.
    static func defaultLogFile() -> String {
        let env = ProcessEnvironment.current
        let state = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? "/tmp") + "/.local/state")
        let directory = state + "/crontui"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/dashboard.log"
    }

    /// Runs the dashboard (or prints one snapshot); the exit status a signal asks for, if any.
    private func show(
        source: any DashboardSource, plain: SnapshotReason?, clock: any DashboardClock, options: DashboardOptions,
        terminalOptions: TerminalOptions
    ) async throws -> Int32? {
        if let plain {
            await printSnapshot(source: source, clock: clock, options: options, reason: plain.message)
            return nil
        }
        let terminal: NcursesTerminal
        do {
            terminal = try await NcursesTerminal.open(terminalOptions)
        } catch {
            await printSnapshot(source: source, clock: clock, options: options, reason: String(describing: error))
            return nil
        }
        switch await DashboardRunner(source: source, terminal: terminal, clock: clock, options: options).run() {
        case .requested: return nil
        case .signal(let signal): return 128 + signal
        case .hangup: return 128 + SIGHUP
        }
    }

    /// One snapshot on stdout at the terminal's size; then, on stderr, why it is one (if not asked
    /// for), so the reason is the last thing on screen rather than scrolled away above it.
    private func printSnapshot(source: any DashboardSource, clock: any DashboardClock, options: DashboardOptions, reason: String?) async {
        var options = options
        options.snapshot = true
        let size = SnapshotPrinter.size(
            terminal: TerminalSize.ofStandardOutput(), environment: ProcessEnvironment.current,
            messageLines: reason == nil ? 0 : 3)
        let text = await SnapshotPrinter(source: source, clock: clock, options: options).text(size: size)
        FileHandle.standardOutput.write(Data(text.utf8))
        // A note, not an error: the snapshot is what could be shown, and the exit status is 0.
        if let reason { CronTUICommand.printNote(reason) }
    }

    /// `--refresh`: 250ms to a day.
    static let refreshLimits = DurationField(from: 250, to: 86_400_000, examples: ["500ms", "2s"])
    /// `--escdelay`: up to 2s.
    static let escapeDelayLimits = DurationField(from: 0, to: 2_000, examples: ["40ms"])

    /// The dashboard's options from the flags; a bad value is a ``UsageError``.
    func dashboardOptions() throws -> DashboardOptions {
        var options = DashboardOptions()
        options.readonly = readonly
        if ascii && unicode { throw UsageError("--ascii, --unicode: choose one") }
        options.ascii = Glyphs.useASCII(ascii: ascii, unicode: unicode, localeIsUTF8: ProcessEnvironment.localeIsUTF8)
        guard let interval = Self.refreshLimits.milliseconds(refresh) else {
            throw UsageError("--refresh: " + Self.refreshLimits.reason(refresh))
        }
        options.refreshInterval = .milliseconds(interval)
        if let view {
            let views = DashboardView.allCases
            guard let chosen = views.first(where: { $0.title.lowercased() == view.lowercased() || "\($0.rawValue)" == view }) else {
                throw UsageError("--view: \"\(view)\" is not one of overview, schedules, history, events")
            }
            options.view = chosen
        }
        if let status {
            // `timed_out`, as history and the API spell it, is taken too.
            let normalized = status.lowercased().replacingOccurrences(of: " ", with: "-").replacingOccurrences(of: "_", with: "-")
            guard let chosen = StatusFilter(rawValue: normalized == "timedout" ? "timed-out" : normalized) else {
                throw UsageError("--status: \"\(status)\" is not one of \(Self.statusChoices)")
            }
            options.status = chosen
            if options.view == .overview || options.view == .schedules, self.view == nil { options.view = .history }
        }
        options.filter = filter ?? ""
        options.title = "crontui " + CrontuiVersion.string
        return options
    }

    /// Colour and Esc delay from the flags and the environment.
    func terminalOptions() throws -> TerminalOptions {
        var options = TerminalOptions()
        let noColorEnv = ProcessEnvironment.current["NO_COLOR"].map { !$0.isEmpty } ?? false
        options.color = !(noColor || noColorEnv)
        guard let delay = Self.escapeDelayLimits.milliseconds(escdelay) else {
            throw UsageError("--escdelay: " + Self.escapeDelayLimits.reason(escdelay))
        }
        options.escapeDelay = .milliseconds(delay)
        return options
    }
}
