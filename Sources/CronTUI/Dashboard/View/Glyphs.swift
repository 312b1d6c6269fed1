/// The symbols the dashboard draws with, in Unicode or in ASCII (`--ascii`, or a non-UTF-8 locale).
struct Glyphs: Sendable {
    var horizontal: Character
    var vertical: Character
    var topLeft: Character
    var topRight: Character
    var bottomLeft: Character
    var bottomRight: Character
    var separator: String
    var ellipsis: Character
    /// The state line: data arrives on time.
    var live: String
    /// No new data for several refreshes.
    var stale: String
    /// The last poll failed.
    var disconnected: String
    /// Live updates held back by the operator (`Z`).
    var frozen: String
    /// The queue is paused: workers take no jobs.
    var queuePaused: String
    /// Sparkline levels, lowest first.
    var levels: [Character]
    var ascii: Bool

    static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        separator: " │ ", ellipsis: "…", live: "●", stale: "○", disconnected: "✗", frozen: "‖", queuePaused: "⏸",
        levels: Array("▁▂▃▄▅▆▇█"), ascii: false)

    static let plain = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        separator: " | ", ellipsis: "~", live: "*", stale: "o", disconnected: "X", frozen: "||", queuePaused: "=",
        levels: Array("_.-=#"), ascii: true)

    /// The set for `ascii`.
    static func forASCII(_ ascii: Bool) -> Glyphs { ascii ? plain : unicode }

    /// The one decision between ASCII and Unicode, for the live screen and snapshots alike: an
    /// explicit `--ascii` or `--unicode` wins; otherwise ASCII unless the locale is UTF-8 (over SSH
    /// without `SendEnv LANG` it is not, and a UTF-8 box line would arrive as `?`).
    static func useASCII(ascii: Bool, unicode: Bool, localeIsUTF8: Bool) -> Bool {
        if ascii { return true }
        if unicode { return false }
        return !localeIsUTF8
    }
}
