import Logging

extension Logger {
    /// The logger of a benchmark's engine parts: errors only, so that a run prints its figures alone.
    static var bench: Logger {
        var logger = Logger(label: "crontui.bench")
        logger.logLevel = .error
        return logger
    }
}
