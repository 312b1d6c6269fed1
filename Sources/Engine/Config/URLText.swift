/// Small helpers for connection URLs: percent-decoding and hiding passwords in messages.
enum URLText {
    /// Decodes `%XX` escapes; invalid escapes are kept as written.
    static func percentDecoded(_ s: String) -> String {
        var bytes: [UInt8] = []
        var it = Array(s.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2,
                let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The URL (or libpq string) with its secrets replaced by `***`: see ``Redaction/message(_:)``.
    static func redacted(_ url: String) -> String {
        Redaction.message(url)
    }
}
