import Foundation

/// The header's one account of how current the screen is: exactly one of snapshot, connecting,
/// disconnected, frozen, stale, live without PostgreSQL, or live, so it can never say two things at
/// once. The queue being paused is another matter (the workers', not the screen's) and is shown
/// apart, in other words.
struct StateLine: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// `--once`: one picture taken at this time.
        case snapshot(Date)
        case connecting
        /// Every poll since `since` failed; the message says what.
        case disconnected(String, since: Date)
        /// The operator froze the screen (`Z`); data is still fetched but held back.
        case frozen
        /// No new data for this many refresh intervals (the poll hangs or is slow).
        case stale(refreshes: Int)
        /// The queue's figures are live, but every poll of the schedules since `since` failed
        /// (PostgreSQL is away); the message says what.
        case withoutDatabase(String, since: Date)
        case live
    }

    /// Data older than this many refresh intervals is stale.
    static let staleAfter = 3

    let kind: Kind
    /// Frozen (said after disconnected when both hold).
    let alsoFrozen: Bool

    /// The state `state` is in.
    init(_ state: DashboardState) {
        alsoFrozen = state.frozen && !state.options.snapshot
        kind = Self.kind(of: state)
    }

    private static func kind(of state: DashboardState) -> Kind {
        if state.options.snapshot { return .snapshot(state.now) }
        if case .failed(let message, let since) = state.connection { return .disconnected(message, since: since) }
        if state.frozen { return .frozen }
        guard let updatedAt = state.updatedAt else { return .connecting }
        let interval = max(0.001, Double(DurationText.milliseconds(state.refreshInterval)) / 1000)
        let age = state.now.timeIntervalSince(updatedAt)
        // Never less than a second of grace: the clock ticks by whole seconds.
        guard age > Double(staleAfter) * max(1, interval) else {
            if case .failed(let message, let since) = state.database { return .withoutDatabase(message, since: since) }
            return .live
        }
        return .stale(refreshes: Int((age / interval).rounded(.down)))
    }

    /// A detail of the state line and its priority in a narrow header.
    typealias Detail = (priority: Int, span: Span)

    /// The words that must stay (dropped last), and the details after them, each with its priority
    /// for a narrow header (the age of the data outlasts the refresh interval; what failed outlasts
    /// the queue's name).
    func spans(_ state: DashboardState, glyphs: Glyphs) -> (core: Span, detail: [Detail]) {
        let refresh: Detail = (84, Span("refresh " + DurationText.interval(state.refreshInterval), .dim))
        let ago = state.updatedAt.map { DurationText.coarse(seconds: seconds(from: $0, to: state.now)) + " ago" }
        let age: [Detail] = ago.map { [(85, Span("updated " + $0, .dim))] } ?? []
        switch kind {
        case .snapshot(let time):
            let core = Span("snapshot at " + TimeText.clock(time) + " UTC", .strong)
            guard case .failed(let message, _) = state.connection else { return (core, []) }
            return (core, [(85, Span(glyphs.disconnected + " no data: " + message, .error))])
        case .connecting:
            return (Span("connecting" + String(glyphs.ellipsis), .dim), [refresh])
        case .disconnected(let message, let since):
            let down = DurationText.coarse(seconds: seconds(from: since, to: state.now))
            var detail: [Detail] = [(95, Span(message, .error)), (84, Span("retrying every " + DurationText.interval(state.refreshInterval), .dim))]
            if alsoFrozen { detail.append((86, Span(glyphs.frozen + " frozen by you (Z)", .warning))) }
            if let ago { detail.append((83, Span("last data " + ago, .dim))) }
            return (Span(glyphs.disconnected + " disconnected since " + TimeText.clock(since) + " (" + down + ")", .error), detail)
        case .frozen:
            return (Span(glyphs.frozen + " frozen by you (Z resumes)", .warning), age)
        case .stale(let refreshes):
            return (Span(glyphs.stale + " stale: no update for \(refreshes) refreshes", .warning), [refresh] + age)
        case .withoutDatabase(let message, let since):
            let down = DurationText.coarse(seconds: seconds(from: since, to: state.now))
            let core = Span(glyphs.stale + " live from Redis; PostgreSQL down since " + TimeText.clock(since) + " (" + down + ")", .warning)
            return (core, [(95, Span("schedules as last read: " + message, .error)), refresh] + age)
        case .live:
            return (Span(glyphs.live + " live", .ok), [refresh] + age)
        }
    }

    private func seconds(from start: Date, to end: Date) -> Int64 {
        max(0, Int64(end.timeIntervalSince(start).rounded(.down)))
    }
}
