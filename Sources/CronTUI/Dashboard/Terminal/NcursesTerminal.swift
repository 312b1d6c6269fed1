import CNcurses
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The ncurses adapter. One dedicated thread owns curses from `newterm` to `endwin`: it waits in
/// `poll` on the keyboard and a wake-up pipe, paints the newest frame the runner posted, and turns
/// keys, resizes and signals into ``TerminalEvent``s. No other thread calls curses.
final class NcursesTerminal: DashboardTerminal, @unchecked Sendable {
    let events: AsyncStream<TerminalEvent>
    let initialSize: TerminalSize
    private let continuation: AsyncStream<TerminalEvent>.Continuation
    private let mailbox: TerminalMailbox
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let finished: AsyncStream<Void>

    /// Takes over the terminal; throws ``TerminalOpenError`` when `TERM` is unknown here.
    static func open(_ options: TerminalOptions) async throws -> NcursesTerminal {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw POSIXError(.EMFILE) }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        let (events, continuation) = AsyncStream<TerminalEvent>.makeStream()
        let (finished, finish) = AsyncStream<Void>.makeStream()
        let mailbox = TerminalMailbox()
        let size: TerminalSize = try await withCheckedThrowingContinuation { started in
            let loop = NcursesLoop(
                options: options, mailbox: mailbox, wake: (fds[0], fds[1]), events: continuation,
                started: { started.resume(with: $0) }, finished: { finish.finish() })
            let thread = Thread { loop.run() }
            thread.name = "crontui-terminal"
            thread.start()
        }
        return NcursesTerminal(
            events: events, continuation: continuation, size: size, mailbox: mailbox, wake: fds, finished: finished)
    }

    private init(
        events: AsyncStream<TerminalEvent>, continuation: AsyncStream<TerminalEvent>.Continuation, size: TerminalSize,
        mailbox: TerminalMailbox, wake: [Int32], finished: AsyncStream<Void>
    ) {
        self.events = events
        self.continuation = continuation
        initialSize = size
        self.mailbox = mailbox
        wakeRead = wake[0]
        wakeWrite = wake[1]
        self.finished = finished
    }

    func show(_ screen: Screen, repaint: Bool) {
        mailbox.post(screen, repaint: repaint)
        wake()
    }

    func close() async {
        mailbox.requestStop()
        wake()
        for await _ in finished {}
        Glibc.close(wakeRead)
        Glibc.close(wakeWrite)
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = Glibc.write(wakeWrite, &byte, 1)
    }
}
