/// How log lines are written (`LOG_FORMAT`).
public enum LogFormat: String, Sendable, CaseIterable {
    /// One JSON object per line: `ts`, `level`, `label`, `msg` and the metadata as fields.
    case json
    /// `2024-05-01T12:00:00.123Z info crontui.worker: message key=value ...`
    case text
}
