/// Re-indents JSON text, keeping the order of keys, and masks the values of secret-looking keys.
/// Returns nil when the text is not JSON, so the caller can show it as it is.
enum JSONPretty {
    static func lines(_ text: String) -> [String]? {
        var lines: [String] = []
        var line = ""
        var depth = 0
        var stack: [Character] = []
        var expectingKey = false
        var lastKey: String?
        var sawValue = false
        var scalars = Array(text.unicodeScalars)[...]

        func newline() {
            lines.append(line)
            line = String(repeating: "  ", count: depth)
        }
        func skipSpace() {
            while let s = scalars.first, s == " " || s == "\n" || s == "\r" || s == "\t" { scalars = scalars.dropFirst() }
        }
        skipSpace()
        while let scalar = scalars.first {
            scalars = scalars.dropFirst()
            switch scalar {
            case "{", "[":
                stack.append(scalar == "{" ? "}" : "]")
                line.unicodeScalars.append(scalar)
                skipSpace()
                if let next = scalars.first, next == "}" || next == "]" {
                    continue
                }
                depth += 1
                expectingKey = scalar == "{"
                newline()
            case "}", "]":
                guard let close = stack.popLast(), Character(scalar) == close else { return nil }
                if let last = line.last, last != "{" && last != "[" {
                    depth -= 1
                    newline()
                }
                line.unicodeScalars.append(scalar)
                expectingKey = false
                sawValue = true
            case ",":
                guard !stack.isEmpty else { return nil }
                line.append(",")
                expectingKey = stack.last == "}"
                newline()
            case ":":
                guard stack.last == "}" else { return nil }
                line.append(": ")
            case "\"":
                var token = "\""
                var escaped = false
                var closed = false
                while let s = scalars.first {
                    scalars = scalars.dropFirst()
                    token.unicodeScalars.append(s)
                    if escaped {
                        escaped = false
                    } else if s == "\\" {
                        escaped = true
                    } else if s == "\"" {
                        closed = true
                        break
                    }
                }
                guard closed else { return nil }
                if expectingKey {
                    lastKey = String(token.dropFirst().dropLast())
                    expectingKey = false
                    line += token
                } else {
                    line += maskedValue(token, key: lastKey)
                    lastKey = nil
                }
                sawValue = true
            case " ", "\n", "\r", "\t":
                continue
            default:
                var token = String(scalar)
                while let s = scalars.first, "-+.0123456789eEtruefalsn".unicodeScalars.contains(s) {
                    token.unicodeScalars.append(s)
                    scalars = scalars.dropFirst()
                }
                guard token == "true" || token == "false" || token == "null" || Double(token) != nil else { return nil }
                line += maskedValue(token, key: lastKey)
                lastKey = nil
                sawValue = true
            }
            if stack.isEmpty && sawValue {
                skipSpace()
                guard scalars.isEmpty else { return nil }
            }
        }
        guard stack.isEmpty, sawValue else { return nil }
        lines.append(line)
        return lines
    }

    private static func maskedValue(_ token: String, key: String?) -> String {
        guard let key, SecretMask.isSecret(key) else { return token }
        return "\"" + SecretMask.mask + "\""
    }
}
