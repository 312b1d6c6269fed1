import CNcurses
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Counts the bytes ncurses writes to a terminal for a series of frames: a pseudo-terminal of the
/// frames' size stands in for the operator's SSH session, and a reader thread counts what arrives.
enum PtyOutputMeter {
    /// Bytes for the first frame (the full paint) and for all the others together.
    struct Result: Sendable {
        var firstFrame: Int
        var rest: Int
    }

    enum Failure: Error, CustomStringConvertible {
        case noPseudoTerminal
        case noTerminfo(String)

        var description: String {
            switch self {
            case .noPseudoTerminal: "could not open a pseudo-terminal"
            case .noTerminfo(let term): "no terminfo entry for \(term)"
            }
        }
    }

    /// Paints `frames` through ncurses as the dashboard does (`term` capabilities, colours on).
    static func measure(_ frames: [Screen], term: String = "xterm-256color") throws -> Result {
        guard let first = frames.first else { return Result(firstFrame: 0, rest: 0) }
        var slave: Int32 = -1
        let master = crontui_open_pty(&slave)
        guard master >= 0 else { throw Failure.noPseudoTerminal }
        defer { close(master) }
        _ = crontui_set_winsize(slave, Int32(first.height), Int32(first.width))
        let counter = ByteCounter(fd: master)
        let reader = Thread { counter.run() }
        reader.start()

        setlocale(LC_ALL, "C.UTF-8")
        guard let output = fdopen(slave, "w"), let input = fdopen(dup(slave), "r") else { throw Failure.noPseudoTerminal }
        guard let session = newterm(term, output, input) else {
            fclose(output)
            fclose(input)
            throw Failure.noTerminfo(term)
        }
        let window = crontui_stdscr()!
        NcursesLoop.configure(window, escapeDelay: .milliseconds(40))
        var painter = NcursesPainter(window: window, palette: NcursesPalette(color: true), asciiOnly: false)
        painter.paint(first, repaint: false)
        let firstBytes = counter.settledCount()
        for frame in frames.dropFirst() { painter.paint(frame, repaint: false) }
        let total = counter.settledCount()
        endwin()
        delscreen(session)
        fclose(output)
        fclose(input)
        counter.stop()
        return Result(firstFrame: firstBytes, rest: total - firstBytes)
    }
}

/// Reads a pseudo-terminal's master side and counts the bytes.
private final class ByteCounter: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var count = 0
    private var lastRead = Date()
    private var stopped = false

    init(fd: Int32) { self.fd = fd }

    func run() {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while !lock.withLock({ stopped }) {
            guard poll(&pfd, 1, 20) > 0 else { continue }
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { return }
            lock.withLock {
                count += n
                lastRead = Date()
            }
        }
    }

    /// The count once nothing has arrived for 150 ms since this call.
    func settledCount() -> Int {
        let start = Date()
        while true {
            let (n, last) = lock.withLock { (count, lastRead) }
            if Date().timeIntervalSince(max(last, start)) > 0.15 { return n }
            usleep(20_000)
        }
    }

    func stop() {
        lock.withLock { stopped = true }
    }
}
