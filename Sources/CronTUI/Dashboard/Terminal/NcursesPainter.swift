import CNcurses

#if canImport(Glibc)
    import Glibc
#endif

/// Paints frames into a curses window: only the runs that changed since the last frame, then one
/// `doupdate`. Drawing errors (the bottom-right cell, a shrinking terminal) are not fatal.
struct NcursesPainter {
    let window: UnsafeMutablePointer<WINDOW>
    let palette: NcursesPalette
    /// The locale is not UTF-8: anything beyond ASCII shows as `?`.
    let asciiOnly: Bool
    private var previous: Screen?
    private var buffer: [wchar_t] = []

    init(window: UnsafeMutablePointer<WINDOW>, palette: NcursesPalette, asciiOnly: Bool) {
        self.window = window
        self.palette = palette
        self.asciiOnly = asciiOnly
    }

    /// Forgets the last frame, so the next one is drawn whole (after a resize).
    mutating func invalidate() {
        previous = nil
    }

    /// Paints `screen`; `repaint` also makes curses resend every cell (Ctrl-L).
    mutating func paint(_ screen: Screen, repaint: Bool) {
        if repaint || previous?.size != screen.size {
            werase(window)
            previous = nil
        }
        for run in ScreenDiff.runs(from: previous, to: screen) { draw(run, of: screen) }
        if repaint { crontui_force_repaint() }
        wnoutrefresh(window)
        doupdate()
        previous = screen
    }

    private mutating func draw(_ run: ScreenDiff.Run, of screen: Screen) {
        var x = run.x
        let end = run.x + run.count
        while x < end {
            let role = screen[x, run.y].role
            var segmentEnd = x
            buffer.removeAll(keepingCapacity: true)
            while segmentEnd < end, screen[segmentEnd, run.y].role == role {
                append(screen[segmentEnd, run.y])
                segmentEnd += 1
            }
            let style = palette.style(role)
            wattr_set(window, style.attr, style.pair, nil)
            _ = buffer.withUnsafeBufferPointer { mvwaddnwstr(window, Int32(run.y), Int32(x), $0.baseAddress, Int32($0.count)) }
            x = segmentEnd
        }
        wattr_set(window, 0, 0, nil)
    }

    /// Adds one cell's characters; a grapheme the C library measures differently from us becomes
    /// question marks of our width, so the columns after it stay where the screen says.
    private mutating func append(_ cell: Cell) {
        guard cell.width > 0 else { return }
        let ascii = cell.base >= 0x20 && cell.base < 0x7F && cell.width == 1
        if ascii || !asciiOnly && Int(crontui_wcwidth(cell.base)) == Int(cell.width) {
            buffer.append(wchar_t(cell.base))
            if cell.mark != 0 { buffer.append(wchar_t(cell.mark)) }
        } else {
            for _ in 0..<cell.width { buffer.append(wchar_t(UInt8(ascii: "?"))) }
        }
    }
}
