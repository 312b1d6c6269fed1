import Foundation

/// Hands frames and the stop request from the runner to the terminal thread. Only the newest frame
/// matters, so a frame not yet painted is replaced.
final class TerminalMailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var frame: Screen?
    private var repaint = false
    private var stop = false

    func post(_ screen: Screen, repaint: Bool) {
        lock.withLock {
            frame = screen
            self.repaint = self.repaint || repaint
        }
    }

    func requestStop() {
        lock.withLock { stop = true }
    }

    /// The frame to paint, if any, and whether to stop.
    func take() -> (frame: Screen?, repaint: Bool, stop: Bool) {
        lock.withLock {
            defer {
                frame = nil
                repaint = false
            }
            return (frame, repaint, stop)
        }
    }
}
