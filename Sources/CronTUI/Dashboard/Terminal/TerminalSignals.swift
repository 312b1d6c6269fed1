import CNcurses

/// The only Swift file that calls the signal shims: their C state is per object file, so one file
/// must own it all.
enum TerminalSignals {
    /// Saves the tty modes for the crash handler; call before curses starts.
    static func saveTerminalModes() {
        crontui_save_tty()
    }

    /// Routes SIGINT, SIGTERM, SIGHUP and SIGWINCH to `wakeFD`, ignores SIGPIPE, and restores the
    /// terminal with `reset` before dying of a crash signal.
    static func install(wakeFD: Int32, reset: [UInt8]) {
        crontui_unblock_signals()
        reset.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                crontui_signals_install(wakeFD, 1, $0.baseAddress, Int32($0.count))
            }
        }
    }

    /// Back to the default handlers.
    static func remove() {
        crontui_signals_remove()
    }

    /// SIGINT, SIGTERM or SIGHUP if one arrived, else nil.
    static var pending: Int32? {
        let signal = crontui_signal_pending()
        return signal == 0 ? nil : signal
    }

    /// Whether the window changed size since the last look.
    static func takeResize() -> Bool {
        crontui_winch_take() != 0
    }
}
