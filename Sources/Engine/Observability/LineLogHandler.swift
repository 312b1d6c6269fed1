import Foundation
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// A swift-log handler writing one line per entry, as JSON or text, to a ``LogSink``.
///
/// Job lines carry `trace_id`, `schedule_id`, `job_id`, `attempt` and `event` as top-level fields
/// of the JSON object, so `jq 'select(.trace_id == "...")'` finds every line of one job.
package struct LineLogHandler: LogHandler {
    /// The logger's label, written as `label`.
    package let label: String
    /// JSON or text.
    package let format: LogFormat
    private let sink: LogSink
    /// The handler's own metadata.
    package var metadata: Logger.Metadata = [:]
    /// The lowest level written.
    package var logLevel: Logger.Level
    /// Metadata added to every entry (e.g. from a task-local context).
    package var metadataProvider: Logger.MetadataProvider?

    /// A handler for `label`.
    package init(label: String, format: LogFormat, level: Logger.Level = .info, sink: LogSink = .standardError) {
        self.label = label
        self.format = format
        self.logLevel = level
        self.sink = sink
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let line = Self.line(
            format: format, timestamp: Self.timestamp(), level: event.level, label: label, message: event.message.description,
            metadata: merged)
        sink.write(Array(line.utf8))
    }

    /// The line for one entry, newline included.
    /// Every message and string value passes ``Redaction/message(_:)``: a URL, header or connection
    /// string that reaches a log line leaves its secrets behind.
    static func line(format: LogFormat, timestamp: String, level: Logger.Level, label: String, message rawMessage: String, metadata: Logger.Metadata)
        -> String
    {
        let message = Redaction.message(rawMessage)
        switch format {
        case .json:
            var fields = [
                ("ts", JSONText.string(timestamp)), ("level", JSONText.string(level.rawValue)), ("label", JSONText.string(label)),
                ("msg", JSONText.string(message)),
            ]
            for key in metadata.keys.sorted() where !["ts", "level", "label", "msg"].contains(key) {
                fields.append((key, json(metadata[key]!)))
            }
            return "{" + fields.map { JSONText.string($0.0) + ":" + $0.1 }.joined(separator: ",") + "}\n"
        case .text:
            let pairs = metadata.keys.sorted().map { "\($0)=\(text(metadata[$0]!))" }
            let body = Redaction.storable(message, limit: 10_000)
            return "\(timestamp) \(level.rawValue) \(label): \(body)" + (pairs.isEmpty ? "" : " " + pairs.joined(separator: " ")) + "\n"
        }
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let s): JSONText.string(Redaction.message(s))
        case .stringConvertible(let c):
            if let n = c as? any BinaryInteger {
                "\(n)"
            } else if let b = c as? Bool {
                b ? "true" : "false"
            } else {
                JSONText.string(Redaction.message(c.description))
            }
        case .array(let a): "[" + a.map(json).joined(separator: ",") + "]"
        case .dictionary(let d): "{" + d.keys.sorted().map { JSONText.string($0) + ":" + json(d[$0]!) }.joined(separator: ",") + "}"
        }
    }

    private static func text(_ value: Logger.Metadata.Value) -> String {
        let s = Redaction.storable(Redaction.message(value.description), limit: 2_000)
        return s.contains(" ") || s.isEmpty ? "\"\(s)\"" : s
    }

    /// Now in UTC, ISO 8601 with milliseconds.
    static func timestamp() -> String {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = ts.tv_sec
        var parts = tm()
        gmtime_r(&t, &parts)
        let ms = Int(ts.tv_nsec) / 1_000_000
        func pad(_ v: Int32, _ n: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, n - s.count)) + s
        }
        return
            "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(ms), 3))Z"
    }
}
