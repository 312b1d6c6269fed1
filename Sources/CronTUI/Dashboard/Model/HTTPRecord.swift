import Engine

/// A request or response as the detail view draws it: a start line, header lines and a body.
struct HTTPRecord: Sendable, Hashable {
    /// One header line (untrusted text); secrets are masked when drawn.
    struct Header: Sendable, Hashable {
        var name: String
        var value: String
    }

    /// `GET https://...` for a request, `HTTP 503` for a response.
    var startLine: String
    var headers: [Header]
    /// The body bytes kept (possibly a prefix of the whole).
    var body: [UInt8]
    /// The body's full size, which may exceed `body.count`.
    var bodyTotalBytes: Int
}

extension HTTPRecord {
    /// The request of `detail`: the method and URL recorded, headers and body from the schedule.
    init(request detail: ExecutionDetail) {
        let body = detail.request?.body.map { Array($0) } ?? []
        self.init(
            startLine: "\(detail.record.method) \(detail.record.url)", headers: Self.headers(detail.request?.headers), body: body,
            bodyTotalBytes: body.count)
    }

    /// The response `record` got; nil when none came back.
    init?(response record: ExecutionRecord) {
        guard let code = record.httpStatus else { return nil }
        let body = record.responseBody.map { Array($0) } ?? []
        self.init(
            startLine: "HTTP \(code)", headers: Self.headers(record.responseHeaders), body: body,
            bodyTotalBytes: Int(record.responseSize ?? Int64(body.count)))
    }

    private static func headers(_ pairs: [[String]]?) -> [Header] {
        (pairs ?? []).compactMap { $0.count == 2 ? Header(name: $0[0], value: $0[1]) : nil }
    }
}
