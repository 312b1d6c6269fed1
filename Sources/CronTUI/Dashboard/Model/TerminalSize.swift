/// A terminal's size in character cells.
struct TerminalSize: Sendable, Hashable {
    var columns: Int
    var rows: Int
}
