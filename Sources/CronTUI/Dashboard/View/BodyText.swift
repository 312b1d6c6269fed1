/// A recorded body as the detail view shows it: JSON pretty-printed, text as lines, anything else
/// as `<binary N bytes>`, always through ``Sanitizer``.
enum BodyText {
    /// The most bytes of a body the detail view formats.
    static let limit = 65_536

    static func lines(_ record: HTTPRecord) -> [Span] {
        guard !record.body.isEmpty else { return [Span("(empty body)", .dim)] }
        let bytes = Array(record.body.prefix(limit))
        let total = max(record.bodyTotalBytes, record.body.count)
        var result: [Span]
        if let text = decodeText(bytes, cut: bytes.count < record.body.count || total > bytes.count) {
            let json = isJSON(record) ? JSONPretty.lines(text) : nil
            result = (json ?? Sanitizer.lines(text)).map { Span($0) }
        } else {
            result = [Span("<binary \(total) bytes>", .dim)]
            return result
        }
        if total > bytes.count { result.append(Span("(truncated, \(total) bytes total)", .dim)) }
        return result
    }

    private static func isJSON(_ record: HTTPRecord) -> Bool {
        let type = record.headers.first { $0.name.lowercased() == "content-type" }?.value.lowercased() ?? ""
        if type.contains("json") { return true }
        let first = record.body.first { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// The bytes as text, or nil when they are not UTF-8 or mostly not printable. A body cut short
    /// may end inside a character, so a few trailing bytes are forgiven.
    private static func decodeText(_ bytes: [UInt8], cut: Bool) -> String? {
        var slice = bytes[...]
        if cut {
            while let last = slice.last, last & 0xC0 == 0x80 || last >= 0xC0 { slice = slice.dropLast() }
        }
        guard let text = String(validating: slice, as: UTF8.self) else { return nil }
        var controls = 0
        for scalar in text.unicodeScalars where scalar.value < 0x20 && scalar != "\n" && scalar != "\r" && scalar != "\t" {
            controls += 1
        }
        return controls * 10 > text.unicodeScalars.count ? nil : text
    }
}
