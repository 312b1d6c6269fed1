/// How long to wait before retrying a failed attempt.
public enum Backoff: Sendable, Equatable, Codable, CustomStringConvertible {
    /// Retry at once.
    case none
    /// Always the same delay.
    case fixed(Duration)
    /// `base * 2^(attempt-1)`, capped at `cap`, then spread by ±`jitter` (a fraction, 0...1) so that
    /// jobs that failed together do not retry together.
    case exponential(base: Duration, cap: Duration, jitter: Double)

    /// The default: exponential from 1 s, capped at 5 min, ±20 % jitter.
    public static let standard = Backoff.exponential(base: .seconds(1), cap: .seconds(300), jitter: 0.2)

    /// The delay after failed attempt number `attempt` (1-based); `random` is uniform in 0..<1.
    public func delay(afterAttempt attempt: Int, random: Double) -> Duration {
        switch self {
        case .none:
            return .zero
        case .fixed(let d):
            return d
        case .exponential(let base, let cap, let jitter):
            let baseMs = Double(base.milliseconds)
            let capMs = Double(cap.milliseconds)
            let exponent = Double(min(max(attempt - 1, 0), 62))
            let raw = min(baseMs * pow2(exponent), capMs)
            let spread = raw * jitter * (2 * random - 1)
            return .milliseconds(Int64(max(0, min(raw + spread, capMs * (1 + jitter)))))
        }
    }

    private func pow2(_ e: Double) -> Double {
        var r = 1.0
        var i = 0.0
        while i < e && r < 1e18 {
            r *= 2
            i += 1
        }
        return r
    }

    /// The stored form: `none`, `fixed:<ms>` or `exp:<base ms>:<cap ms>:<jitter>`.
    public var description: String {
        switch self {
        case .none: "none"
        case .fixed(let d): "fixed:\(d.milliseconds)"
        case .exponential(let base, let cap, let jitter): "exp:\(base.milliseconds):\(cap.milliseconds):\(jitter)"
        }
    }

    /// Parses the stored form; nil when it is not one.
    public init?(stored text: String) {
        let parts = text.split(separator: ":")
        switch parts.first {
        case "none" where parts.count == 1:
            self = .none
        case "fixed" where parts.count == 2:
            guard let ms = Int64(parts[1]), ms >= 0 else { return nil }
            self = .fixed(.milliseconds(ms))
        case "exp" where parts.count == 4:
            guard let b = Int64(parts[1]), let c = Int64(parts[2]), let j = Double(parts[3]), b >= 0, c >= b, (0...1).contains(j)
            else { return nil }
            self = .exponential(base: .milliseconds(b), cap: .milliseconds(c), jitter: j)
        default:
            return nil
        }
    }
}

extension Duration {
    /// Whole milliseconds, rounded down.
    public var milliseconds: Int64 {
        let (s, a) = components
        return s * 1000 + a / 1_000_000_000_000_000
    }
}
