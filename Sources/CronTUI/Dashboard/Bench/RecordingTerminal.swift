/// A terminal that keeps the screens the runner shows (diffing each against the last, as the
/// ncurses adapter does) instead of painting them, for `crontui bench dashboard`.
final class RecordingTerminal: DashboardTerminal {
    let events: AsyncStream<TerminalEvent>
    let initialSize: TerminalSize
    private let continuation: AsyncStream<TerminalEvent>.Continuation
    private let screens = LockedValue<[Screen]>([])

    init(size: TerminalSize) {
        initialSize = size
        (events, continuation) = AsyncStream<TerminalEvent>.makeStream()
    }

    /// The screens shown so far, in order.
    var frames: [Screen] { screens.get() }

    func show(_ screen: Screen, repaint: Bool) {
        screens.withLock { frames in
            if let last = frames.last { _ = ScreenDiff.runs(from: last, to: screen) }
            frames.append(screen)
        }
    }

    func close() async {
        continuation.yield(.closed(.requested))
        continuation.finish()
    }
}
