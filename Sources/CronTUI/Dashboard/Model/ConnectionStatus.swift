/// Whether the last poll of the source worked.
enum ConnectionStatus: Sendable, Hashable {
    /// No answer yet.
    case connecting
    case live
    /// The last poll failed with this message; the last good data stays on screen.
    case failed(String)
}
