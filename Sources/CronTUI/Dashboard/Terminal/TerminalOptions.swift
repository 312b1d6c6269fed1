/// How the terminal is set up.
struct TerminalOptions: Sendable {
    /// Use colours (off with `--no-color` or `NO_COLOR`).
    var color = true
    /// How long curses waits after Esc for the rest of an escape sequence.
    var escapeDelay: Duration = .milliseconds(40)
}
