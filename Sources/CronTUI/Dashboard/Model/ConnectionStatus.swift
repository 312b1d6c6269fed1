import Foundation

/// Whether the last poll of the source worked.
enum ConnectionStatus: Sendable, Hashable {
    /// No answer yet.
    case connecting
    case live
    /// The last poll failed with this message, and every poll since `since` has; the last good data
    /// stays on screen.
    case failed(String, since: Date)

    /// The status after a poll failed with `message` at `time`: the first failure's time is kept.
    func failing(_ message: String, at time: Date) -> ConnectionStatus {
        if case .failed(_, let since) = self { return .failed(message, since: since) }
        return .failed(message, since: time)
    }
}
