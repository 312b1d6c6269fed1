import Foundation

/// Keeps secrets out of history and logs: sensitive header values become `***`, URL credentials
/// are dropped, and untrusted text is made storable (no NUL, one line, bounded).
public struct Redaction: Sendable, Equatable {
    /// Headers whose values are never stored or logged.
    public static let defaultSensitiveHeaders: Set<String> = [
        "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key",
    ]

    /// Lowercased names of the headers to hide.
    public var sensitiveHeaders: Set<String>

    /// The defaults plus `extraSensitiveHeaders` (any case).
    public init(extraSensitiveHeaders: [String] = []) {
        sensitiveHeaders = Self.defaultSensitiveHeaders.union(extraSensitiveHeaders.map { $0.lowercased() })
    }

    /// What is stored and shown instead of a secret.
    public static let mask = "***"

    /// The header names of `SENSITIVE_HEADERS` (lowercased), read once from the environment for
    /// the listings that no configuration reaches (``EngineConfiguration`` checks the value).
    static let configuredSensitiveHeaders: Set<String> = Set(
        (ProcessInfo.processInfo.environment["SENSITIVE_HEADERS"] ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })

    /// Whether every listing shows a header called `name` as `***`: the built-in sensitive headers,
    /// those of `SENSITIVE_HEADERS`, and any whose name looks secret (``isSecretParameter(_:)``:
    /// `X-Custom-Token`, `X-Session-Id`).
    public static func isSecretHeader(_ name: String) -> Bool {
        let lowered = name.lowercased()
        return defaultSensitiveHeaders.contains(lowered) || configuredSensitiveHeaders.contains(lowered) || isSecretParameter(lowered)
    }

    /// `headers` as name/value pairs, sensitive values masked, the secrets other values may carry
    /// (a `Location` with a password or a signed query, ``message(_:)``) masked too, and text made
    /// storable.
    public func headers<S: Sequence>(_ headers: S) -> [[String]] where S.Element == (name: String, value: String) {
        headers.map { header in
            let name = Self.storable(header.name, limit: 256)
            let secret = sensitiveHeaders.contains(header.name.lowercased()) || Self.isSecretHeader(header.name)
            return [name, secret ? Self.mask : Self.storable(Self.message(header.value), limit: 8_192)]
        }
    }

    /// `url` without user name and password, and without the values of secret-looking query
    /// parameters (``message(_:)``).
    public func url(_ rawURL: String) -> String {
        let url = Self.message(rawURL)
        guard url.utf8.contains(UInt8(ascii: "@")) else { return Self.storable(url, limit: 4_096) }
        guard let schemeEnd = url.range(of: "://") else { return Self.storable(url, limit: 4_096) }
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        guard let at = rest[..<authorityEnd].lastIndex(of: "@") else { return Self.storable(url, limit: 4_096) }
        return Self.storable(String(url[..<schemeEnd.upperBound]) + Self.mask + "@" + String(rest[rest.index(after: at)...]), limit: 4_096)
    }

    /// `text` with NUL bytes replaced (PostgreSQL text and jsonb cannot hold them), line breaks and
    /// other C0 controls turned into spaces, and cut at `limit` characters.
    public static func storable(_ text: String, limit: Int = 2_000) -> String {
        // Most text (URLs, header values, ids) is short printable ASCII: nothing to change.
        if text.utf8.count <= limit && text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit {
                out.append("…")
                break
            }
            if scalar.value == 0 {
                out.append("\u{FFFD}")
            } else if scalar.value < 0x20 || scalar.value == 0x7F {
                out.append(" ")
            } else {
                out.append(scalar)
            }
            count += 1
        }
        return String(out)
    }
}
