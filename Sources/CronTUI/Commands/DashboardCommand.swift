import ArgumentParser
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

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    @Option(help: "The view to start in: overview, schedules, history, events.")
    var view: String?

    @Option(help: "The status filter to start with: all, failed, succeeded, running, retrying, timed-out.")
    var status: String?

    @Option(help: "The name filter to start with (a|b: either, !x: not).")
    var filter: String?

    @Flag(help: "Print one snapshot as plain text and exit (automatic when stdout is not a terminal).")
    var once = false

    @Option(help: "How long Esc waits for the rest of a key sequence, e.g. 40ms.")
    var escdelay = "40ms"

    @Flag(name: .customLong("demo-fake"), help: .hidden)
    var demoFake = false

    func run() async throws {
        let options = try dashboardOptions()
        let terminalOptions = try self.terminalOptions()
        let clock = SystemDashboardClock()
        // The engine is wired in later; until then every run shows the built-in demo data.
        let source = FakeDashboardSource(data: FakeDashboardData(now: clock.now()), clock: clock)
        let term = ProcessEnvironment.current["TERM"] ?? ""
        if once || isatty(0) == 0 || isatty(1) == 0 || term == "dumb" {
            return await printSnapshot(source: source, clock: clock, options: options)
        }
        let terminal: NcursesTerminal
        do {
            terminal = try await NcursesTerminal.open(terminalOptions)
        } catch {
            CronTUICommand.printError(String(describing: error))
            return await printSnapshot(source: source, clock: clock, options: options)
        }
        let exit = await DashboardRunner(source: source, terminal: terminal, clock: clock, options: options).run()
        switch exit {
        case .requested: return
        case .signal(let signal): Glibc.exit(128 + signal)
        case .hangup: Glibc.exit(128 + SIGHUP)
        }
    }

    private func printSnapshot(source: any DashboardSource, clock: any DashboardClock, options: DashboardOptions) async {
        var options = options
        options.ascii = options.ascii || !ProcessEnvironment.localeIsUTF8
        let columns = ProcessEnvironment.current["COLUMNS"].flatMap(Int.init) ?? 120
        let size = TerminalSize(columns: max(DashboardLayout.minimum.columns, columns), rows: 40)
        let text = await SnapshotPrinter(source: source, clock: clock, options: options).text(size: size)
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// The dashboard's options from the flags; a bad value is a ``UsageError``.
    func dashboardOptions() throws -> DashboardOptions {
        var options = DashboardOptions()
        options.readonly = readonly
        options.ascii = ascii
        guard let interval = DurationArgument.parse(refresh) else {
            throw UsageError("--refresh: \"\(refresh)\" is not a duration (try 2s or 500ms)")
        }
        guard interval >= .milliseconds(250) else {
            throw UsageError("--refresh: \(refresh) is too short; the least is 250ms")
        }
        options.refreshInterval = interval
        if let view {
            let views = DashboardView.allCases
            guard let chosen = views.first(where: { $0.title.lowercased() == view.lowercased() || "\($0.rawValue)" == view }) else {
                throw UsageError("--view: \"\(view)\" is not one of overview, schedules, history, events")
            }
            options.view = chosen
        }
        if let status {
            let normalized = status.lowercased().replacingOccurrences(of: " ", with: "-")
            guard let chosen = StatusFilter(rawValue: normalized == "timedout" ? "timed-out" : normalized) else {
                throw UsageError("--status: \"\(status)\" is not one of all, failed, succeeded, running, retrying, timed-out")
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
        guard let delay = DurationArgument.parse(escdelay), delay <= .seconds(2) else {
            throw UsageError("--escdelay: \"\(escdelay)\" is not a duration up to 2s (try 40ms)")
        }
        options.escapeDelay = delay
        return options
    }
}
