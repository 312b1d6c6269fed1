import Foundation

/// `--once` (and the fallback when there is no usable terminal): one frame as plain text.
struct SnapshotPrinter: Sendable {
    let source: any DashboardSource
    let clock: any DashboardClock
    let options: DashboardOptions

    /// The size a snapshot is drawn at: the terminal's (less a line for the prompt and
    /// `messageLines` for what follows on stderr), else `COLUMNS` and `LINES`, else 120×40; never
    /// below the dashboard's minimum.
    static func size(terminal: TerminalSize?, environment: [String: String], messageLines: Int) -> TerminalSize {
        func number(_ name: String) -> Int? {
            environment[name].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.flatMap { $0 > 0 ? $0 : nil }
        }
        let columns = terminal?.columns ?? number("COLUMNS") ?? 120
        let rows = terminal.map { $0.rows - 1 - messageLines } ?? number("LINES") ?? 40
        let minimum = DashboardLayout.minimum
        return TerminalSize(columns: max(minimum.columns, columns), rows: max(minimum.rows, rows))
    }

    /// The dashboard as text at `size`, without the key hints; trailing blanks trimmed.
    func text(size: TerminalSize) async -> String {
        var state = DashboardState(options: options, size: size, now: clock.now())
        let performer = EffectPerformer(source: source, clock: clock)
        var effects = state.update(.start)
        while !effects.isEmpty {
            let effect = effects.removeFirst()
            if case .subscribeEvents(let queue, let subscription) = effect {
                let recent = (try? await source.recentEvents(limit: options.eventCapacity, queue: queue)) ?? []
                effects += state.update(.eventsArrived(recent, subscription: subscription))
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
