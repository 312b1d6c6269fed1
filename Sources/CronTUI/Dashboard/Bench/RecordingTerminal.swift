/// A terminal that keeps the screens the runner shows (diffing each against the last, as the
/// ncurses adapter does) instead of painting them, for `crontui bench dashboard`.
final class RecordingTerminal: DashboardTerminal {
    let events: AsyncStream<TerminalEvent>
    let initialSize: TerminalSize
    private let continuation: AsyncStream<TerminalEvent>.Continuation
    private let screens = LockedValue<[(at: ContinuousClock.Instant, screen: Screen)]>([])

    init(size: TerminalSize) {
        initialSize = size
        (events, continuation) = AsyncStream<TerminalEvent>.makeStream()
    }

    /// The screen on display at `instant`, then those shown after it, in order.
    func frames(from instant: ContinuousClock.Instant) -> [Screen] {
        let all = screens.get()
        let first = all.lastIndex { $0.at <= instant } ?? 0
        return all[first...].map(\.screen)
    }

    func show(_ screen: Screen, repaint: Bool) {
        screens.withLock { frames in
            if let last = frames.last { _ = ScreenDiff.runs(from: last.screen, to: screen) }
            frames.append((.now, screen))
        }
    }

    func close() async {
        continuation.yield(.closed(.requested))
        continuation.finish()
    }
}
