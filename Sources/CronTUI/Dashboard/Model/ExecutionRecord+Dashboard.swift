import Engine
import Foundation

/// The engine's record of an attempt, in the units the dashboard draws.
extension ExecutionRecord {
    /// When the attempt started.
    var startedDate: Date { Date(timeIntervalSince1970: Double(startedAt) / 1_000) }
    /// When it ended; nil while it runs.
    var finishedDate: Date? { finishedAt.map { Date(timeIntervalSince1970: Double($0) / 1_000) } }
    /// How long it took; nil while it runs.
    var duration: Duration? { durationMs.map { .milliseconds($0) } }
}
