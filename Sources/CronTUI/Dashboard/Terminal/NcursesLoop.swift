import CNcurses
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The body of the terminal thread: set up, loop, restore.
final class NcursesLoop: @unchecked Sendable {
    private let options: TerminalOptions
    private let mailbox: TerminalMailbox
    private let wakeRead: Int32
    /// Where the signal handlers write to wake the loop.
    private let wakeWrite: Int32
    private let events: AsyncStream<TerminalEvent>.Continuation
    private let started: (Result<TerminalSize, any Error>) -> Void
    private let finished: () -> Void
    /// The size last reported to the runner.
    private var reportedSize = TerminalSize(columns: 0, rows: 0)

    init(
        options: TerminalOptions, mailbox: TerminalMailbox, wake: (read: Int32, write: Int32),
        events: AsyncStream<TerminalEvent>.Continuation,
        started: @escaping (Result<TerminalSize, any Error>) -> Void, finished: @escaping () -> Void
    ) {
        self.options = options
        self.mailbox = mailbox
        wakeRead = wake.read
        wakeWrite = wake.write
        self.events = events
        self.started = started
        self.finished = finished
    }

    func run() {
        defer { finished() }
        // Without the locale ncurses assumes Latin-1 and wide characters come out wrong.
        setlocale(LC_ALL, "")
        if options.unicode, crontui_locale_is_utf8() == 0 { setlocale(LC_CTYPE, "C.UTF-8") }
        let utf8 = crontui_locale_is_utf8() != 0
        TerminalSignals.saveTerminalModes()
        guard let session = crontui_newterm(nil) else {
            started(.failure(TerminalOpenError(term: ProcessInfo.processInfo.environment["TERM"])))
            events.finish()
            return
        }
        let window = crontui_stdscr()!
        Self.configure(window, escapeDelay: options.escapeDelay)
        var painter = NcursesPainter(window: window, palette: NcursesPalette(color: options.color), asciiOnly: !utf8)
        TerminalSignals.install(wakeFD: wakeWrite, reset: Self.resetSequence())
        reportedSize = TerminalSize(columns: Int(crontui_cols()), rows: Int(crontui_lines()))
        started(.success(reportedSize))

        let exit = loop(window: window, painter: &painter)

        endwin()
        delscreen(session)
        TerminalSignals.remove()
        events.yield(.closed(exit))
        events.finish()
    }

    private func loop(window: UnsafeMutablePointer<WINDOW>, painter: inout NcursesPainter) -> TerminalExit {
        var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        while true {
            let mail = mailbox.take()
            if mail.stop { return .requested }
            if let frame = mail.frame { painter.paint(frame, repaint: mail.repaint) }
            let rc = poll(&fds, 2, -1)
            if rc < 0 && errno != EINTR { return .hangup }
            if fds[1].revents != 0 { drainWakePipe() }
            if let signal = TerminalSignals.pending { return signal == SIGHUP ? .hangup : .signal(signal) }
            if TerminalSignals.takeResize() { resize(&painter) }
            if fds[0].revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 { return .hangup }
            if fds[0].revents & Int16(POLLIN) != 0 { readKeys(window, &painter) }
        }
    }

    private func readKeys(_ window: UnsafeMutablePointer<WINDOW>, _ painter: inout NcursesPainter) {
        var code: wint_t = 0
        while true {
            let rc = wget_wch(window, &code)
            if rc == ERR { return }
            if rc == KEY_CODE_YES {
                if Int32(code) == KEY_RESIZE {
                    reportSizeIfChanged(&painter)
                } else if let key = KeyDecoder.function(code) {
                    events.yield(.key(key))
                }
            } else if let key = KeyDecoder.character(code) {
                events.yield(.key(key))
            }
        }
    }

    /// SIGWINCH: tell curses the new size. `resizeterm` queues a KEY_RESIZE of its own, which only
    /// reports the size again (calling `resizeterm` for it would loop forever).
    private func resize(_ painter: inout NcursesPainter) {
        var rows: Int32 = 0
        var cols: Int32 = 0
        if crontui_get_winsize(1, &rows, &cols) == 0, rows > 0, cols > 0, rows != crontui_lines() || cols != crontui_cols() {
            resizeterm(rows, cols)
        }
        reportSizeIfChanged(&painter)
    }

    private func reportSizeIfChanged(_ painter: inout NcursesPainter) {
        let size = TerminalSize(columns: Int(crontui_cols()), rows: Int(crontui_lines()))
        guard size != reportedSize else { return }
        reportedSize = size
        painter.invalidate()
        events.yield(.resize(size))
    }

    private func drainWakePipe() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &bytes, bytes.count) > 0 {}
    }

    /// The input and output modes the dashboard runs in (also used by the benchmark's meter).
    static func configure(_ window: UnsafeMutablePointer<WINDOW>, escapeDelay: Duration) {
        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        nodelay(window, true)
        leaveok(window, true)
        // Lets curses scroll full-width rows that moved (the event feed) with the terminal's
        // scroll region, instead of sending every row again.
        idlok(window, true)
        _ = curs_set(0)  // Some terminals refuse; that is fine.
        crontui_set_escdelay(Int32(DurationText.milliseconds(escapeDelay)))
    }

    /// What the crash handler writes: leave the alternate screen, show the cursor, reset attributes.
    private static func resetSequence() -> [UInt8] {
        var bytes: [UInt8] = []
        for name in ["sgr0", "cnorm", "rmcup"] {
            guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { continue }
            bytes += Array(String(cString: value).utf8)
        }
        return bytes + Array("\r\n".utf8)
    }
}
