import Foundation

extension Redaction {
    /// Query parameters (and `key=value` pairs in connection strings) whose values are secrets when
    /// their name contains one of these words, in any case: `token`, `access_token`, `api_key`,
    /// `X-Amz-Signature`, `password`. More come from `REDACT_PARAMS` (comma-separated).
    public static let secretParameterWords: [String] = {
        let defaults = ["token", "key", "secret", "password", "passwd", "pwd", "signature", "sig", "auth", "credential", "session"]
        let extra = (ProcessInfo.processInfo.environment["REDACT_PARAMS"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty }
        return defaults + extra
    }()

    /// Whether a parameter named `name` holds a secret.
    public static func isSecretParameter(_ name: some StringProtocol) -> Bool {
        let lowered = name.lowercased()
        return secretParameterWords.contains { lowered.contains($0) }
    }

    /// Whether `text` holds `***` where ``message(_:)`` would put one: in place of a password or
    /// of a secret parameter's value.
    public static func holdsMask(_ text: String) -> Bool {
        guard text.contains(mask) else { return false }
        // Letters and digits only: a value of any kind, which message(_:) masks where it masks any.
        let marker = "zMASKEDz0"
        let probe = text.replacingOccurrences(of: mask, with: marker)
        return message(probe).components(separatedBy: marker).count < probe.components(separatedBy: marker).count
    }

    /// `text` (a message, an error, a URL, a libpq connection string) with every secret it may hold
    /// replaced by `***`: the password of `scheme://user:password@`, the value of `name=value` pairs
    /// whose name looks secret (query strings and libpq `password=…`, quoted or not), and the value
    /// after a sensitive header's name (`Authorization: …`). Text without any of `@ = :`
    /// comes back unchanged, quickly.
    public static func message(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(where: { $0 == UInt8(ascii: "@") || $0 == UInt8(ascii: "=") || $0 == UInt8(ascii: ":") }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        let mask = Array(Self.mask.utf8)
        while i < bytes.count {
            // scheme://user:password@  ->  scheme://user:***@
            if bytes[i] == UInt8(ascii: ":"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "/"), bytes[i + 2] == UInt8(ascii: "/") {
                out += bytes[i...(i + 2)]
                i += 3
                var end = i
                while end < bytes.count, !isAuthorityEnd(bytes[end]) { end += 1 }
                if let at = bytes[i..<end].lastIndex(of: UInt8(ascii: "@")) {
                    if let colon = bytes[i..<at].firstIndex(of: UInt8(ascii: ":")) {
                        out += bytes[i...colon]
                        out += mask
                    } else {
                        out += bytes[i..<at]
                    }
                    i = at
                }
                continue
            }
            // name=value with a secret-looking name  ->  name=***
            if bytes[i] == UInt8(ascii: "=") {
                var start = i
                while start > 0, isNameByte(bytes[start - 1]) { start -= 1 }
                let name = String(decoding: bytes[start..<i], as: UTF8.self)
                out.append(bytes[i])
                i += 1
                if !name.isEmpty, isSecretParameter(name) {
                    if i < bytes.count, bytes[i] == UInt8(ascii: "'") {
                        // libpq quoted value: up to the closing quote, \' escapes one
                        i += 1
                        while i < bytes.count, bytes[i] != UInt8(ascii: "'") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                        i = min(i + 1, bytes.count)
                    } else {
                        while i < bytes.count, !isValueEnd(bytes[i]) { i += 1 }
                    }
                    out += mask
                }
                continue
            }
            // Authorization: Bearer x / X-Api-Key: x  ->  name: ***
            if bytes[i] == UInt8(ascii: ":") {
                var start = i
                while start > 0, isNameByte(bytes[start - 1]) { start -= 1 }
                let name = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
                out.append(bytes[i])
                i += 1
                if defaultSensitiveHeaders.contains(name) {
                    while i < bytes.count, bytes[i] == UInt8(ascii: " ") {
                        out.append(bytes[i])
                        i += 1
                    }
                    while i < bytes.count, bytes[i] != UInt8(ascii: "'"), bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: ","),
                        bytes[i] != UInt8(ascii: "\n")
                    {
                        i += 1
                    }
                    out += mask
                }
                continue
            }
            // user:password@host outside a well-formed URL (`http//u:p@h`, `u:p@h`)  ->  user:***@host
            if bytes[i] == UInt8(ascii: "@") {
                let tokenStart = (out.lastIndex(where: isTokenDelimiter) ?? -1) + 1
                if let colon = out[tokenStart...].firstIndex(of: UInt8(ascii: ":")), out[(colon + 1)...] != ArraySlice(mask) {
                    out.removeSubrange((colon + 1)...)
                    out += mask
                }
            }
            out.append(bytes[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isTokenDelimiter(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "/") || b == UInt8(ascii: "(")
            || b == UInt8(ascii: "<") || b == UInt8(ascii: "=") || b < 0x20
    }

    private static func isAuthorityEnd(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "/") || b == UInt8(ascii: "?") || b == UInt8(ascii: "#") || b == UInt8(ascii: " ") || b == UInt8(ascii: "'")
            || b == UInt8(ascii: "\"") || b < 0x20
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
    }

    private static func isValueEnd(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "&") || b == UInt8(ascii: "#") || b == UInt8(ascii: " ") || b == UInt8(ascii: "'") || b == UInt8(ascii: "\"")
            || b == UInt8(ascii: ";") || b == UInt8(ascii: ",") || b < 0x20
    }
}
