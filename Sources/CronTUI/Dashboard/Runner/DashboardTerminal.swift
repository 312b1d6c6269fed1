/// What a terminal reports to the runner.
enum TerminalEvent: Sendable, Hashable {
    case key(Key)
    case resize(TerminalSize)
    /// The terminal is restored and gone; no more events follow.
    case closed(TerminalExit)
}

/// Why the terminal closed.
enum TerminalExit: Sendable, Hashable {
    /// ``DashboardTerminal/close()`` was called.
    case requested
    /// SIGINT or SIGTERM.
    case signal(Int32)
    /// SIGHUP, or the tty went away (a dropped SSH link).
    case hangup
}

/// A screen to paint and keys to read. The ncurses adapter is the real one; tests give their own.
protocol DashboardTerminal: Sendable {
    /// Keys, resizes and the close, in order.
    var events: AsyncStream<TerminalEvent> { get }
    /// The size when it opened.
    var initialSize: TerminalSize { get }
    /// Paints `screen`, sending only the cells that changed; a later frame may replace one not yet
    /// painted. `repaint` redraws every cell (Ctrl-L).
    func show(_ screen: Screen, repaint: Bool)
    /// Restores the terminal and waits until it is.
    func close() async
}
