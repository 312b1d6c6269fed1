/// A frame: rows of cells. `render` builds one; the terminal adapter paints the cells that differ
/// from the last frame.
struct Screen: Sendable, Hashable {
    let width: Int
    let height: Int
    private(set) var cells: [Cell]
    /// Ends text cut short (`~` when drawing ASCII only).
    var ellipsis: Character = "…"
    /// Drawing ASCII only: any other character in text becomes `?` (one a column), a few
    /// punctuation marks their ASCII look-alikes.
    var asciiOnly = false

    /// A blank screen of `size`.
    init(size: TerminalSize) {
        width = max(0, size.columns)
        height = max(0, size.rows)
        cells = Array(repeating: .blank, count: width * height)
    }

    var size: TerminalSize { TerminalSize(columns: width, rows: height) }

    subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// The cells of row `y`.
    func row(_ y: Int) -> ArraySlice<Cell> {
        cells[(y * width)..<((y + 1) * width)]
    }

    /// Sets one cell, repairing any wide grapheme it cuts in half. Writes outside are ignored.
    mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let index = y * width + x
        if cells[index].width == 0, x > 0 { cells[index - 1] = .blank(cells[index - 1].role) }
        if cells[index].width == 2, x + 1 < width { cells[index + 1] = .blank(cells[index].role) }
        cells[index] = cell
    }

    /// Paints `rect` with blanks of `role`.
    mutating func fill(_ rect: Rect, role: StyleRole) {
        for y in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) { set(.blank(role), x: x, y: y) }
        }
    }

    /// Changes the role of every cell in `rect`, keeping the glyphs (for a selection bar).
    mutating func restyle(_ rect: Rect, role: StyleRole) {
        for y in max(0, rect.y)..<min(height, rect.y + rect.height) {
            for x in max(0, rect.x)..<min(width, rect.x + rect.width) { cells[y * width + x].role = role }
        }
    }
}
