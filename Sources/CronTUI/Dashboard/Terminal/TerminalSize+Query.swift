import CNcurses
import Foundation

extension TerminalSize {
    /// The size of the terminal on standard output; nil when it is not a terminal or says no size.
    static func ofStandardOutput() -> TerminalSize? {
        var rows: Int32 = 0
        var columns: Int32 = 0
        guard isatty(1) != 0, crontui_get_winsize(1, &rows, &columns) == 0, rows > 0, columns > 0 else { return nil }
        return TerminalSize(columns: Int(columns), rows: Int(rows))
    }
}
