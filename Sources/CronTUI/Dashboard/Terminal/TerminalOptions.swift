/// How the terminal is set up.
struct TerminalOptions: Sendable {
    /// Use colours (off with `--no-color` or `NO_COLOR`).
    var color = true
    /// The screen is drawn in Unicode (``Glyphs/useASCII(ascii:unicode:localeIsUTF8:)`` said so):
    /// when the C library's locale is not UTF-8 (`--unicode` in a plain locale, or a UTF-8 `LANG`
    /// this machine has not installed), characters go out through `C.UTF-8` instead.
    var unicode = true
    /// How long curses waits after Esc for the rest of an escape sequence.
    var escapeDelay: Duration = .milliseconds(40)
}
