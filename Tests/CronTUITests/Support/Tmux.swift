import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A private tmux server (its own `-L` socket) running a plain shell, for driving the real binary.
/// Only this server is ever killed.
struct Tmux {
    static let path = "/usr/bin/tmux"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: path) }

    let socket = "crontui-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

    /// Starts the server with one window of `columns`×`rows` running `sh` with prompt `$ `, in
    /// locale `lang` (nil: no LANG, LC_ALL or LC_CTYPE at all, as over SSH without `SendEnv`).
    init(columns: Int, rows: Int, lang: String? = "C.UTF-8") throws {
        let locale = lang.map { "LANG=\($0) " } ?? ""
        let shell = "env -i PATH=/usr/bin:/bin HOME=/tmp TERM=tmux-256color \(locale)PS1='$ ' sh"
        try run(["new-session", "-d", "-s", "t", "-x", "\(columns)", "-y", "\(rows)", shell])
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> String {
        let result = try ProcessRunner.run(["-L", socket, "-f", "/dev/null"] + arguments, executable: Self.path)
        guard result.status == 0 else { throw TmuxError(message: "tmux \(arguments.first ?? ""): \(result.stderr)") }
        return result.stdout
    }

    /// Types `keys` (tmux key names such as `Enter`, or literal text).
    func send(_ keys: String...) throws {
        try run(["send-keys", "-t", "t"] + keys)
    }

    /// The pane's text now.
    func capture() throws -> String {
        try run(["capture-pane", "-p", "-t", "t"])
    }

    func resize(columns: Int, rows: Int) throws {
        try run(["resize-window", "-t", "t", "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// Polls the pane until `condition` holds, or fails after `timeout` with the last capture. Waits
    /// by suspending, not by blocking a thread other tests need.
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 10, _ condition: (String) -> Bool) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            // tmux runs as a child process: wait for it off the cooperative pool.
            screen = try await ProcessRunner.detached { [self] in try capture() }
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TmuxError(message: "timed out waiting for \(what); the pane shows:\n\(screen)")
    }

    func kill() {
        _ = try? run(["kill-server"])
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
