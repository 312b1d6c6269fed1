/// How a one-line error shows a value it refuses.
package enum ErrorText {
    /// `text` quoted on one line, shortened to 60 characters, controls escaped: `'a\u{a}b'`.
    package static func quote(_ text: some StringProtocol) -> String {
        var out = "'"
        for (i, scalar) in text.unicodeScalars.enumerated() {
            if i == 60 {
                out += "..."
                break
            }
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }
}
