import Engine
import Logging

/// Sets up swift-log once per process from `LOG_FORMAT`, `LOG_FILE` and `LOG_LEVEL`.
enum LogSetup {
    /// Bootstraps the logging system and returns the process's root logger.
    static func bootstrap(_ configuration: EngineConfiguration, label: String = "crontui") throws -> Logger {
        let sink = try configuration.logFile.map { path throws(ConfigurationError) in try LogSink(appendingTo: path) } ?? .standardError
        let format = configuration.logFormat
        let level = configuration.logLevel
        LoggingSystem.bootstrap { label in LineLogHandler(label: label, format: format, level: level, sink: sink) }
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}
