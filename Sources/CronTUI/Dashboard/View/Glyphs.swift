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
    var live: String
    var paused: String
    /// Sparkline levels, lowest first.
    var levels: [Character]
    var ascii: Bool

    static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        separator: " │ ", ellipsis: "…", live: "●", paused: "⏸", levels: Array("▁▂▃▄▅▆▇█"), ascii: false)

    static let plain = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        separator: " | ", ellipsis: "~", live: "*", paused: "||", levels: Array("_.-=#"), ascii: true)

    /// The set for `ascii`.
    static func forASCII(_ ascii: Bool) -> Glyphs { ascii ? plain : unicode }
}
