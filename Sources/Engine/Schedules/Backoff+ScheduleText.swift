/// How schedules spell a backoff: `exponential[:base[:cap]]`, `fixed:<delay>` or `none`, with
/// durations such as `500ms`, `2s`, `5m`.
extension Backoff {
    /// Parses the schedule form; nil when `text` is not one. Exponential backoff keeps the standard
    /// ±20 % jitter; the base defaults to 1 s and the cap to 5 min.
    public init?(scheduleText text: String) {
        let parts = text.trimmingBlanks().lowercased().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch (parts[0], parts.count) {
        case ("none", 1):
            self = .none
        case ("fixed", 2):
            guard let delay = DurationText.milliseconds(parts[1]) else { return nil }
            self = .fixed(.milliseconds(delay))
        case ("exponential", 1...3):
            let base = parts.count > 1 ? DurationText.milliseconds(parts[1]) : 1_000
            let cap = parts.count > 2 ? DurationText.milliseconds(parts[2]) : max(300_000, base ?? 0)
            guard let base, let cap else { return nil }
            self = .exponential(base: .milliseconds(base), cap: .milliseconds(cap), jitter: 0.2)
        default:
            return nil
        }
    }

    /// The schedule form: `exponential:1s:5m`, `fixed:30s`, `none`.
    public var scheduleText: String {
        switch self {
        case .none: "none"
        case .fixed(let delay): "fixed:" + DurationText.format(milliseconds: delay.milliseconds)
        case .exponential(let base, let cap, _):
            "exponential:" + DurationText.format(milliseconds: base.milliseconds) + ":" + DurationText.format(milliseconds: cap.milliseconds)
        }
    }

    /// The `backoff` column's JSON: `{"kind": "exponential", "base_ms": 1000, "max_ms": 300000}`,
    /// `{"kind": "fixed", "base_ms": 5000}` or `{"kind": "none"}`.
    var storedJSON: String {
        switch self {
        case .none: #"{"kind": "none"}"#
        case .fixed(let delay): #"{"kind": "fixed", "base_ms": \#(delay.milliseconds)}"#
        case .exponential(let base, let cap, _): #"{"kind": "exponential", "base_ms": \#(base.milliseconds), "max_ms": \#(cap.milliseconds)}"#
        }
    }

    /// Reads the `backoff` column's fields (`kind`, `base_ms`, `max_ms`); the standard backoff for
    /// an unknown kind.
    init(storedKind kind: String?, baseMs: Int64?, maxMs: Int64?) {
        switch kind {
        case "none":
            self = .none
        case "fixed":
            self = .fixed(.milliseconds(max(0, baseMs ?? 1_000)))
        case "exponential":
            let base = max(1, baseMs ?? 1_000)
            self = .exponential(base: .milliseconds(base), cap: .milliseconds(max(maxMs ?? 300_000, base)), jitter: 0.2)
        default:
            self = .standard
        }
    }
}
