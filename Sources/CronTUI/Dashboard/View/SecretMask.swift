import Engine

/// Hides credentials in what the detail view shows, with the engine's one redaction: sensitive
/// headers and secret-looking header, parameter and JSON field names, URL passwords and query
/// parameters.
enum SecretMask {
    /// What a secret is shown as.
    static let mask = Redaction.mask

    /// Whether a header, parameter or field called `name` holds a secret.
    static func isSecret(_ name: String) -> Bool {
        Redaction.isSecretHeader(name)
    }

    /// A header's value as shown.
    static func header(_ header: HTTPRecord.Header) -> String {
        isSecret(header.name) ? mask : header.value
    }

    /// `url` with the password in its user info and secret query parameters masked.
    static func url(_ url: String) -> String {
        Redaction.message(url)
    }
}
