/// What a schedule does about the slots it missed while no scheduler ran it (downtime, a leader
/// hand-over, a stalled process). Every missed slot is recorded in the fire ledger either way.
public enum MissedFirePolicy: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Run none of them (the default): each is recorded as `missed`.
    case skip
    /// Run the latest one once; the others are recorded as `missed`.
    case runOnce
    /// Run the latest `cap` of them, oldest first; the others are recorded as `missed`.
    case runAll(cap: Int)

    /// The default cap of `run_all`.
    public static let defaultCap = 10
    /// The largest cap accepted.
    public static let maximumCap = 1_000

    /// Parses `skip`, `run_once`, `run_all` or `run_all:<cap>`; nil for anything else.
    public init?(text: String) {
        let parts = text.trimmingBlanks().lowercased().split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        switch (parts.first, parts.count) {
        case ("skip", 1): self = .skip
        case ("run_once", 1): self = .runOnce
        case ("run_all", 1): self = .runAll(cap: Self.defaultCap)
        case ("run_all", 2):
            guard let cap = Int(parts[1]), parts[1].allSatisfy(\.isASCII), (1...Self.maximumCap).contains(cap) else { return nil }
            self = .runAll(cap: cap)
        default: return nil
        }
    }

    /// How many of the missed slots are run.
    public var slotsToRun: Int {
        switch self {
        case .skip: 0
        case .runOnce: 1
        case .runAll(let cap): cap
        }
    }

    /// The stored and displayed form: `skip`, `run_once`, `run_all:<cap>`.
    public var description: String {
        switch self {
        case .skip: "skip"
        case .runOnce: "run_once"
        case .runAll(let cap): "run_all:\(cap)"
        }
    }
}
