/// One character cell: a grapheme and what it means. A wide grapheme takes two cells; the second
/// has width 0 and draws nothing.
struct Cell: Sendable, Hashable {
    var glyph: Character
    /// 1, 2 for a wide grapheme, or 0 for the right half of one.
    var width: UInt8
    var role: StyleRole

    /// An empty cell.
    static let blank = Cell(glyph: " ", width: 1, role: .normal)

    /// A blank of `role`.
    static func blank(_ role: StyleRole) -> Cell { Cell(glyph: " ", width: 1, role: role) }
}
