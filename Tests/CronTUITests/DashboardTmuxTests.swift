import Engine
import Foundation
import TestSupport
import Testing

/// The real binary in a real terminal (tmux), watching the real Redis and PostgreSQL (a queue and a
/// schema of its own): it draws, switches views, re-lays out on resize, and `q` leaves the shell
/// prompt as it was.
@Suite(.serialized, .enabled(if: Tmux.available && TestServices.enabled, "needs tmux and the services"))
struct DashboardTmuxTests {
    /// Runs `body` with the shell command that starts `crontui dashboard --watch` on a fresh queue
    /// and migrated schema, with a schedule of each of `names` in it.
    private static func withDashboardCommand(names: [String] = ["tmux-nightly"], _ body: (String) async throws -> Void) async throws {
        try await TestDatabase.withSchema { database in
            let migrator = try await database.connect()
            _ = try await MigrationRunner().run(on: migrator)
            await migrator.close()
            let pool = PostgresPool(endpoint: database.endpoint, size: 1)
            for name in names {
                _ = try await ScheduleService(database: pool, queue: nil).create(
                    ScheduleInput(name: name, cron: "0 2 * * *", url: "http://127.0.0.1:9/x"), by: .init(actor: "test", interface: .cli))
            }
            await pool.close()
            let queue = TestServices.uniqueName("tmux")
            let log = "/tmp/\(queue).log"
            defer { try? FileManager.default.removeItem(atPath: log) }
            let environment = [
                "REDIS_URL": try TestServices.redisEndpoint().description, "DATABASE_URL": database.endpoint.conninfo, "QUEUE_NAME": queue,
                "LOG_FILE": log,
            ]
            let assignments = environment.map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
            try await body("\(assignments) \(ProcessRunner.binary) dashboard --watch")
        }
    }

    @Test func drawsSwitchesViewsResizesAndQuitsCleanly() async throws {
        try await Self.withDashboardCommand { command in try await Self.drawsSwitchesViewsResizesAndQuits(command) }
    }

    private static func drawsSwitchesViewsResizesAndQuits(_ command: String) async throws {
        let tmux = try Tmux(columns: 120, rows: 40)
        defer { tmux.kill() }
        try await tmux.waitFor("the shell prompt") { $0.contains("$") }
        try tmux.send(command, "Enter")

        try await tmux.waitFor("the overview") { $0.contains("[1 Overview]") && $0.contains("tmux-nightly") && $0.contains("┌ Events") }
        try tmux.send("3")
        try await tmux.waitFor("History") { $0.contains("[3 History]") && $0.contains("TRIGGER") }
        try tmux.send("1")
        try tmux.resize(columns: 80, rows: 24)
        let stacked = try await tmux.waitFor("the stacked layout") { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("┌ Events") }
        }
        #expect(stacked.split(separator: "\n", omittingEmptySubsequences: false).first?.count ?? 0 <= 80)
        try tmux.resize(columns: 50, rows: 12)
        try await tmux.waitFor("the too-small notice") { $0.contains("terminal too small (need 60x15, have 50x12)") }
        try tmux.resize(columns: 120, rows: 40)
        try await tmux.waitFor("the wide layout again") { $0.contains("ZONE") && $0.contains("┌ Events") }

        try tmux.send("q")
        let after = try await tmux.waitFor("the prompt after quitting") { screen in
            let lines = screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return lines.last == "$"
        }
        #expect(!after.contains("tmux-nightly"))
        #expect(!after.contains("┌"))
        try tmux.send("echo status=$?", "Enter")
        try await tmux.waitFor("a zero exit status") { $0.contains("status=0") }
    }

    /// Over SSH without `SendEnv LANG` there is no locale: the live screen draws in ASCII, names
    /// beyond it as `?` a column, and nothing as a stray `?` box line; `--unicode` overrides.
    @Test func withoutALocaleTheLiveScreenIsASCII() async throws {
        try await Self.withDashboardCommand(names: ["tmux-nightly", "日本語-report"]) { command in
            let tmux = try Tmux(columns: 100, rows: 30, lang: nil)
            defer { tmux.kill() }
            try await tmux.waitFor("the shell prompt") { $0.contains("$") }
            try tmux.send("locale charmap; " + command, "Enter")
            let screen = try await tmux.waitFor("the ASCII overview") { screen in
                screen.contains("[1 Overview]") && screen.contains("tmux-nightly") && screen.contains("* live")
            }
            #expect(screen.contains("+ Schedules (2) sort: health --"))
            #expect(screen.contains("+ Events FOLLOW --"))
            #expect(screen.contains("??????-report"))
            let asciiOnly = screen.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(asciiOnly, "\(screen)")
            try tmux.send("?")
            try await tmux.waitFor("the ASCII legend") { $0.contains("OK succeeded") && $0.contains("|| frozen by you") }
            try tmux.send("q")
            try tmux.send("q")
            try await tmux.waitFor("the prompt") { $0.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces) == "$" }

            try tmux.send("clear; " + command + " --unicode", "Enter")
            let unicode = try await tmux.waitFor("the Unicode overview") { $0.contains("┌ Schedules (2) sort: health ──") && $0.contains("● live") }
            #expect(unicode.contains("日本語-report"))
            try tmux.send("q")
            try await tmux.waitFor("the prompt again") { $0.split(separator: "\n").last?.trimmingCharacters(in: .whitespaces) == "$" }

            try tmux.send("clear; " + command + " --once", "Enter")
            let once = try await tmux.waitFor("the ASCII snapshot") { $0.contains("snapshot at") && $0.contains("tmux-nightly") }
            let onceASCII = once.unicodeScalars.allSatisfy { $0.isASCII }
            #expect(onceASCII, "\(once)")
            #expect(!once.contains("FOLLOW"))
        }
    }

    @Test func sigtermRestoresTheTerminal() async throws {
        try await Self.withDashboardCommand { command in try await Self.sigtermRestores(command) }
    }

    private static func sigtermRestores(_ command: String) async throws {
        let tmux = try Tmux(columns: 100, rows: 30)
        defer { tmux.kill() }
        try await tmux.waitFor("the shell prompt") { $0.contains("$") }
        try tmux.send(command, "Enter")
        try await tmux.waitFor("the overview") { $0.contains("tmux-nightly") }
        // The dashboard is the shell's child; signal exactly that process.
        let shell = try tmux.run(["display-message", "-p", "-t", "t", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = try String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)
        let pid = try #require(children.split(separator: " ").first.flatMap { pid_t($0) })
        kill(pid, SIGTERM)
        let after = try await tmux.waitFor("the prompt after SIGTERM") { screen in
            screen.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.last == "$"
        }
        #expect(!after.contains("tmux-nightly"))
        try tmux.send("echo status=$?", "Enter")
        try await tmux.waitFor("exit status 143") { $0.contains("status=143") }
    }
}
