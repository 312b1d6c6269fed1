/// A rectangle of cells on the screen.
struct Rect: Sendable, Hashable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    /// This rectangle less `n` cells on every side.
    func inset(by n: Int) -> Rect {
        Rect(x: x + n, y: y + n, width: max(0, width - 2 * n), height: max(0, height - 2 * n))
    }
}

extension Rect {
    /// This rectangle less `n` columns on the left and right.
    func inset(horizontally n: Int) -> Rect {
        Rect(x: x + n, y: y, width: max(0, width - 2 * n), height: height)
    }
}
