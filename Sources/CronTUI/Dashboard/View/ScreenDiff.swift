/// The runs of cells that differ between two frames of the same size: all a terminal needs to be
/// sent. A run never starts or ends inside a wide grapheme.
enum ScreenDiff {
    /// `count` cells of row `y` from column `x`.
    struct Run: Sendable, Hashable {
        var y: Int
        var x: Int
        var count: Int
    }

    /// Every changed run from `old` to `new`; every row whole when `old` is nil or another size.
    static func runs(from old: Screen?, to new: Screen) -> [Run] {
        guard let old, old.size == new.size else {
            return (0..<new.height).map { Run(y: $0, x: 0, count: new.width) }
        }
        var runs: [Run] = []
        let width = new.width
        for y in 0..<new.height {
            let a = old.row(y)
            let b = new.row(y)
            if a == b { continue }
            var x = 0
            while x < width {
                if a[a.startIndex + x] == b[b.startIndex + x] {
                    x += 1
                    continue
                }
                var start = x
                // Two unchanged cells in a row end a run; one is cheaper to resend than to skip.
                var end = x + 1
                while end < width {
                    if a[a.startIndex + end] == b[b.startIndex + end] {
                        let next = end + 1
                        if next >= width || a[a.startIndex + next] == b[b.startIndex + next] { break }
                    }
                    end += 1
                }
                if start > 0, b[b.startIndex + start].width == 0 { start -= 1 }
                if end < width, b[b.startIndex + end].width == 0 { end += 1 }
                runs.append(Run(y: y, x: start, count: end - start))
                x = end
            }
        }
        return runs
    }
}
