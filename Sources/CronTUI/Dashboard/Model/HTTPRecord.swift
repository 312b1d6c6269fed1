/// A recorded HTTP request or response, as the detail view shows it.
struct HTTPRecord: Sendable, Hashable {
    /// One header line (untrusted text); secrets are masked when drawn.
    struct Header: Sendable, Hashable {
        var name: String
        var value: String
    }

    /// `GET https://...` for a request, `HTTP 503` for a response.
    var startLine: String
    var headers: [Header]
    /// The body bytes the source kept (possibly a prefix of the whole).
    var body: [UInt8]
    /// The body's full size, which may exceed `body.count`.
    var bodyTotalBytes: Int
}
