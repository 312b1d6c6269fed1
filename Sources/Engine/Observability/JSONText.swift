/// The one JSON string escaper: log lines, stored JSON columns, job payloads and every API body
/// write strings through it.
///
/// Control characters (C0, DEL and C1, so escape sequences from a target included) are written as
/// `\uXXXX`, so the result is one line and cannot drive a terminal that shows it.
package enum JSONText {
    /// `text` as a JSON string literal, quotes included.
    package static func string(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal, quotes included, to `bytes`: plain runs are copied
    /// as they are, so the hot routes pay a byte comparison per byte.
    package static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        bytes.append(UInt8(ascii: "\""))
        text.withUTF8 { utf8 in
            var plainStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let code: UInt8
                let width: Int
                if byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                    (code, width) = (byte, 1)
                } else if byte == 0xC2, index + 1 < utf8.count, (0x80...0x9F).contains(utf8[index + 1]) {
                    // U+0080...U+009F: the C1 controls, CSI (U+009B) among them.
                    (code, width) = (utf8[index + 1], 2)
                } else {
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
                switch code {
                case UInt8(ascii: "\""): bytes += #"\""#.utf8
                case UInt8(ascii: "\\"): bytes += #"\\"#.utf8
                case 0x0A: bytes += #"\n"#.utf8
                case 0x0D: bytes += #"\r"#.utf8
                case 0x09: bytes += #"\t"#.utf8
                default:
                    bytes += #"\u00"#.utf8
                    bytes.append(hexDigits[Int(code >> 4)])
                    bytes.append(hexDigits[Int(code & 0xF)])
                }
                index += width
                plainStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
