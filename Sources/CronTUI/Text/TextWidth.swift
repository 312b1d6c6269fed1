/// Display columns of text, as a terminal (and glibc's `wcwidth`) counts them: East Asian wide and
/// emoji graphemes take two columns, combining marks none. `String.count` is not a column count.
/// The dashboard lays out its screen with it, and the command line pads its tables with it.
enum TextWidth {
    /// Columns taken by sanitized `text`.
    static func of(_ text: String) -> Int {
        // Printable ASCII is one column a byte; most text on screen is, so skip grapheme breaking.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var total = 0
        for character in text { total += of(character) }
        return total
    }

    /// Sanitized `text` followed by spaces up to `width` columns (nothing added when it is as wide
    /// or wider): how a table pads a cell so the next column starts where it should.
    static func padded(_ text: String, to width: Int) -> String {
        let used = of(text)
        return used >= width ? text : text + String(repeating: " ", count: width - used)
    }

    /// The longest start of `text` (whole graphemes) that takes at most `columns` columns.
    static func prefix(_ text: String, columns: Int) -> String {
        if of(text) <= columns { return text }
        var used = 0
        var end = text.startIndex
        for index in text.indices {
            let w = of(text[index])
            if used + w > columns { break }
            used += w
            end = text.index(after: index)
        }
        return String(text[..<end])
    }

    /// Columns taken by one grapheme: 0, 1 or 2.
    static func of(_ character: Character) -> Int {
        if character.isASCII { return 1 }
        let scalars = character.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if scalars.count == 1, first.value < 0x300 || first.value >= 0x2500 && first.value < 0x25FD {
            return of(first)
        }
        if first.properties.isEmojiPresentation { return 2 }
        // U+FE0F asks for emoji presentation of a text-default emoji.
        if first.properties.isEmoji, scalars.contains("\u{FE0F}") { return 2 }
        return of(first)
    }

    /// Columns taken by one scalar on its own.
    static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x7F { return value < 0x20 ? 0 : 1 }
        // Latin, punctuation, arrows, box drawing and blocks: one column, without a property lookup.
        if value >= 0xA0 && value < 0x300 && value != 0xAD || value >= 0x2010 && value < 0x2028
            || value >= 0x2190 && value < 0x2200 || value >= 0x2500 && value < 0x25FD
        {
            return 1
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if value >= 0x1160 && value <= 0x11FF { return 0 }  // Hangul medial vowels and final consonants
        return isWide(value) || scalar.properties.isEmojiPresentation ? 2 : 1
    }

    /// East Asian Wide and Fullwidth blocks.
    private static func isWide(_ v: UInt32) -> Bool {
        guard v >= 0x1100 else { return false }
        for range in wideRanges where range.contains(v) { return true }
        return false
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
        0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
        0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4,
        0x17000...0x18CFF, 0x1AFF0...0x1B2FF, 0x1F200...0x1F2FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]
}
