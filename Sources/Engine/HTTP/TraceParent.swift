/// The W3C Trace Context `traceparent` header: `00-<trace id>-<parent span id>-01`.
///
/// Every attempt sends the job's trace id (so the target's logs, our history and our logs share it)
/// with a span id of its own, so two attempts of one job are told apart downstream.
package enum TraceParent {
    /// The header name.
    package static let headerName = "traceparent"

    /// The header value for `traceID` (32 hex digits; anything else is replaced by a random id, since
    /// an invalid header would make the target drop the trace) and `spanID` (16 hex digits).
    package static func value(traceID: String, spanID: String = randomSpanID()) -> String {
        let trace = isHex(traceID, count: 32) && traceID != String(repeating: "0", count: 32) ? traceID.lowercased() : TraceID.random()
        return "00-\(trace)-\(spanID)-01"
    }

    /// The trace id carried by a `traceparent` value, nil when the value is not one.
    package static func traceID(in value: String) -> String? {
        let parts = value.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "00", isHex(String(parts[1]), count: 32), isHex(String(parts[2]), count: 16) else { return nil }
        return String(parts[1])
    }

    /// 16 random lowercase hex digits, never all zero.
    package static func randomSpanID() -> String {
        RandomSource.hex(max(1, RandomSource.next()))
    }

    /// True for a valid trace id: 32 hex digits.
    package static func isTraceID(_ text: String) -> Bool { isHex(text, count: 32) }

    static func isHex(_ text: String, count: Int) -> Bool {
        text.utf8.count == count && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || (0x41...0x46).contains($0) }
    }
}
