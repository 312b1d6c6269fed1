/// Hides credentials in what the detail view shows: secret-looking headers, URL passwords and query
/// parameters, and JSON fields.
enum SecretMask {
    /// What a secret is shown as.
    static let mask = "***"

    private static let secretWords = [
        "authorization", "cookie", "token", "secret", "password", "passwd", "api-key", "apikey", "api_key",
        "x-auth", "signature", "credential", "session", "private-key", "private_key",
    ]

    /// Whether a header, parameter or field called `name` holds a secret.
    static func isSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        return secretWords.contains { lower.contains($0) }
    }

    /// A header's value as shown.
    static func header(_ header: HTTPRecord.Header) -> String {
        isSecret(header.name) ? mask : header.value
    }

    /// `url` with the password in its user info and secret query parameters masked.
    static func url(_ url: String) -> String {
        var result = url
        if let scheme = result.range(of: "://") {
            let authorityEnd = result[scheme.upperBound...].firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? result.endIndex
            if let at = result[scheme.upperBound..<authorityEnd].lastIndex(of: "@"),
                let colon = result[scheme.upperBound..<at].firstIndex(of: ":")
            {
                result.replaceSubrange(result.index(after: colon)..<at, with: mask)
            }
        }
        guard let question = result.firstIndex(of: "?") else { return result }
        let fragmentStart = result[question...].firstIndex(of: "#") ?? result.endIndex
        let query = result[result.index(after: question)..<fragmentStart].split(separator: "&", omittingEmptySubsequences: false)
        let masked = query.map { pair -> String in
            guard let eq = pair.firstIndex(of: "="), isSecret(String(pair[..<eq])) else { return String(pair) }
            return pair[..<eq] + "=" + mask
        }
        return String(result[...question]) + masked.joined(separator: "&") + String(result[fragmentStart...])
    }
}
