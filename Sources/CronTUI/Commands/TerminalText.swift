/// Untrusted text (schedule names, URLs, errors from targets) made safe to print on a terminal:
/// escape sequences and other controls become `?`.
enum TerminalText {
    static func safe(_ text: String, limit: Int = 200) -> String {
        var out = String.UnicodeScalarView()
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if i == limit {
                out.append("…")
                break
            }
            let v = scalar.value
            out.append(v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) ? "?" : scalar)
        }
        return String(out)
    }
}
