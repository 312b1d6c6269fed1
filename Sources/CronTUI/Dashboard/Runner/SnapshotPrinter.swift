import Foundation

/// `--once` (and the fallback when there is no usable terminal): one frame as plain text.
struct SnapshotPrinter: Sendable {
    let source: any DashboardSource
    let clock: any DashboardClock
    let options: DashboardOptions

    /// The dashboard as text at `size`, without the key hints; trailing blanks trimmed.
    func text(size: TerminalSize) async -> String {
        var state = DashboardState(options: options, size: size, now: clock.now())
        let performer = EffectPerformer(source: source, clock: clock)
        var effects = state.update(.start)
        while !effects.isEmpty {
            let effect = effects.removeFirst()
            if effect == .subscribeEvents {
                let recent = (try? await source.recentEvents(limit: options.eventCapacity)) ?? []
                effects += state.update(.eventsArrived(recent))
            } else if let answer = await performer.answer(effect) {
                effects += state.update(answer)
            }
        }
        let screen = DashboardRenderer.render(state, size: size)
        var lines = screen.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            String(line.reversed().drop { $0 == " " }.reversed())
        }
        if !lines.isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
