/// One character cell: a grapheme and what it means. A wide grapheme takes two cells; the second
/// has width 0 and draws nothing.
///
/// The grapheme is kept as plain numbers (its first scalar and its first combining scalar), not as a
/// `Character`: a terminal cell holds little more, and frames of plain values copy and compare
/// without reference counting, which is most of a frame's cost at 200×50.
struct Cell: Sendable, Hashable {
    /// The grapheme's first scalar.
    var base: UInt32
    /// Its first combining or variation scalar, or 0.
    var mark: UInt32
    /// 1, 2 for a wide grapheme, or 0 for the right half of one.
    var width: UInt8
    var role: StyleRole

    init(glyph: Character, width: UInt8, role: StyleRole) {
        var scalars = glyph.unicodeScalars.makeIterator()
        base = scalars.next()?.value ?? 0x20
        mark = scalars.next()?.value ?? 0
        self.width = width
        self.role = role
    }

    /// The grapheme as drawn.
    var glyph: Character {
        var text = String.UnicodeScalarView()
        text.append(Unicode.Scalar(base) ?? " ")
        if mark != 0, let scalar = Unicode.Scalar(mark) { text.append(scalar) }
        return Character(String(text))
    }

    /// An empty cell.
    static let blank = Cell(glyph: " ", width: 1, role: .normal)

    /// A blank of `role`.
    static func blank(_ role: StyleRole) -> Cell { Cell(glyph: " ", width: 1, role: role) }
}
