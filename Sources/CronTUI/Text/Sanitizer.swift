/// The one gate for untrusted text (job names, URLs, headers, bodies, errors) on its way to the
/// screen: the dashboard draws through it, and every line the command line prints (tables,
/// `schedule show`, messages, errors) goes through ``text(_:)`` or ``line(_:limit:)``; `--json`
/// output through ``json(_:)``. It removes whole escape sequences (CSI, OSC, DCS/APC/PM/SOS, two-byte ESC) and shows
/// every other control, C1 control, bidi override and invisible format character as a visible
/// marker, so text can neither drive the terminal nor disguise itself.
enum Sanitizer {
    /// Shown in place of a control or invisible character.
    static let marker: Character = "\u{FFFD}"
    /// Shown in place of a line break in single-line text.
    static let newlineMarker: Character = "⏎"
    /// The most scalars kept from one single-line string, before measuring.
    static let lineLimit = 1024

    /// `text` made safe for one cell run: newlines shown as ⏎, tabs as spaces; at most `limit`
    /// scalars.
    static func line(_ text: String, limit: Int = lineLimit) -> String {
        // Almost all text is printable ASCII: leave it as it is.
        if text.utf8.count <= limit, text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        if text.unicodeScalars.count <= limit, text.unicodeScalars.allSatisfy(isPlainlyPrintable) { return text }
        var output = String.UnicodeScalarView()
        var truncated = false
        clean(text.unicodeScalars, limit: limit, truncated: &truncated) { scalar in
            switch scalar {
            case "\n": output.append(newlineMarker.unicodeScalars.first!)
            case "\t": output.append(" ")
            default: output.append(scalar)
            }
        }
        return String(output)
    }

    /// Text for a terminal, line breaks kept: what `lines` makes of it, joined again, unbounded.
    static func text(_ text: String) -> String {
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) { return text }
        return lines(text, limit: .max).joined(separator: "\n")
    }

    /// JSON text for a terminal: JSON already escapes C0 controls; C1 controls, bidi overrides and
    /// other invisible characters are escaped the same way (`\u009b`, `\u202e`), so the document
    /// means the same and the terminal sees only printable characters. Only valid on JSON text,
    /// where such characters can only be inside strings.
    static func json(_ text: String) -> String {
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A }) { return text }
        var output = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0A || (v >= 0x20 && v != 0x7F && !(0x80...0x9F).contains(v) && !isInvisible(scalar)) {
                output.unicodeScalars.append(scalar)
                continue
            }
            for unit in String(scalar).utf16 {
                let hex = String(unit, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return output
    }

    /// `text` made safe and split into lines, tabs expanded to 4-column stops.
    static func lines(_ text: String, limit: Int = 65_536) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var column = 0
        var truncated = false
        clean(text.unicodeScalars, limit: limit, truncated: &truncated) { scalar in
            switch scalar {
            case "\n":
                result.append(String(current))
                current = String.UnicodeScalarView()
                column = 0
            case "\t":
                repeat {
                    current.append(" ")
                    column += 1
                } while column % 4 != 0
            default:
                current.append(scalar)
                column += 1
            }
        }
        result.append(String(current))
        return result
    }

    /// UTF-8 bytes as text, invalid sequences as U+FFFD.
    static func decode(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// What the scanner is inside of.
    private enum Mode {
        case text
        /// After ESC: an intermediate (0x20–0x2F) continues, anything else ends the sequence.
        case escape
        /// CSI: parameters until a final byte 0x40–0x7E.
        case csi
        /// OSC, DCS, SOS, PM, APC: a string until BEL or ST (ESC \).
        case string
        /// ESC inside a string: `\` ends it.
        case stringEscape
    }

    /// Feeds the printable scalars of `scalars` (plus `\n` and `\t`) to `emit`, at most `limit`.
    private static func clean(
        _ scalars: String.UnicodeScalarView, limit: Int, truncated: inout Bool, emit: (Unicode.Scalar) -> Void
    ) {
        var mode = Mode.text
        var emitted = 0
        var previousWasCR = false
        for scalar in scalars {
            let v = scalar.value
            switch mode {
            case .escape:
                if v >= 0x20 && v <= 0x2F { continue }
                switch scalar {
                case "[": mode = .csi
                case "]", "P", "X", "^", "_": mode = .string
                default: mode = .text
                }
                continue
            case .csi:
                if v >= 0x40 && v <= 0x7E { mode = .text }
                if v == 0x1B { mode = .escape }
                continue
            case .string:
                if v == 0x07 || v == 0x9C { mode = .text }
                if v == 0x1B { mode = .stringEscape }
                continue
            case .stringEscape:
                mode = scalar == "\\" ? .text : .string
                continue
            case .text:
                break
            }
            if v == 0x1B {
                mode = .escape
                continue
            }
            let wasCR = previousWasCR
            previousWasCR = v == 0x0D
            if wasCR && v == 0x0A { continue }
            guard emitted < limit else {
                truncated = true
                break
            }
            emitted += 1
            switch v {
            case 0x0A, 0x09:
                emit(scalar)
            case 0x0D:
                // CR LF is a line break; a lone CR becomes one too (it would overwrite on a terminal).
                emit("\n")
            case 0x00..<0x20, 0x7F...0x9F:
                emit(marker.unicodeScalars.first!)
            default:
                emit(isInvisible(scalar) ? marker.unicodeScalars.first! : scalar)
            }
        }
    }

    /// Scalars known printable without a property lookup: no control, format or bidi character lies
    /// in these ranges (the common case for names and our own symbols).
    private static func isPlainlyPrintable(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        return v >= 0x20 && v < 0x7F || v >= 0xA0 && v < 0x600 && v != 0xAD || v >= 0x2070 && v < 0xD800
            || v >= 0xF900 && v < 0xFEFF || v >= 0xFF00 && v < 0xFFF9 || v >= 0x1F000 && v < 0x1FB00
    }

    /// Bidi controls, zero-width and other format characters, and line/paragraph separators.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0xFEFF, 0x2028, 0x2029:
            return true
        default:
            return scalar.properties.generalCategory == .format
        }
    }
}
