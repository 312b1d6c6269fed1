extension Screen {
    /// Writes `text` at (`x`, `y`) in at most `limit` columns (to the right edge when nil) and
    /// returns the columns used. Every string on screen goes through here, so through
    /// ``Sanitizer``; text too long ends in an ellipsis, and a wide grapheme that would straddle the
    /// limit becomes a blank.
    @discardableResult
    mutating func put(_ text: String, x: Int, y: Int, limit: Int? = nil, role: StyleRole) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(limit ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        let clean = asciiOnly ? Self.ascii(Sanitizer.line(text)) : Sanitizer.line(text)
        let fits = TextWidth.of(clean) <= limit
        let room = fits ? limit : limit - 1
        var column = 0
        for character in clean {
            var glyph = character
            var w = TextWidth.of(character)
            if w == 0 {
                // A lone combining mark or similar: nothing to anchor it, so show the marker.
                glyph = Sanitizer.marker
                w = 1
            }
            if column + w > room { break }
            set(Cell(glyph: glyph, width: UInt8(w), role: role), x: x + column, y: y)
            if w == 2 { set(Cell(glyph: " ", width: 0, role: role), x: x + column + 1, y: y) }
            column += w
        }
        if !fits {
            while column < limit - 1 {
                set(.blank(role), x: x + column, y: y)
                column += 1
            }
            set(Cell(glyph: ellipsis, width: 1, role: role), x: x + column, y: y)
            column += 1
        }
        return column
    }

    /// `text` in ASCII: look-alikes for a few punctuation marks, `?` for each column of anything else
    /// (so a name keeps its width and cannot come out as mojibake in a non-UTF-8 terminal).
    static func ascii(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        var out = ""
        for character in text {
            if character.isASCII {
                out.append(character)
            } else if let plain = asciiLookAlikes[character] {
                out += plain
            } else {
                out += String(repeating: "?", count: max(1, TextWidth.of(character)))
            }
        }
        return out
    }

    private static let asciiLookAlikes: [Character: String] = [
        "·": "-", "…": "~", "–": "-", "—": "-", "“": "\"", "”": "\"", "‘": "'", "’": "'", "→": ">", "←": "<", "×": "x",
        "⏎": "\\n",
    ]

    /// Writes `spans` one after another from `x`, within `limit` columns; returns the columns used.
    @discardableResult
    mutating func put(_ spans: [Span], x: Int, y: Int, limit: Int) -> Int {
        var used = 0
        for span in spans where used < limit {
            used += put(span.text, x: x + used, y: y, limit: limit - used, role: span.role)
        }
        return used
    }

    /// The screen as text, one line a row, every row exactly `width` columns (for golden files and
    /// `--once`).
    var text: String {
        var lines: [String] = []
        lines.reserveCapacity(height)
        for y in 0..<height {
            var line = ""
            for cell in row(y) where cell.width > 0 { line.append(cell.glyph) }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
