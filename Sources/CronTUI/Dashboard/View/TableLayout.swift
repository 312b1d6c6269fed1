/// A table's columns fitted to a width: flexible columns share what is left, and the least
/// important columns go when there is not enough.
struct TableLayout: Sendable {
    /// The kept columns with their x offset and width.
    let placed: [(column: Int, x: Int, width: Int)]

    init(_ columns: [TableColumn], width: Int) {
        var kept = Array(columns.indices)
        func needed(_ kept: [Int]) -> Int {
            kept.reduce(0) { $0 + columns[$1].width } + max(0, kept.count - 1)
        }
        while needed(kept) > width, kept.count > 1 {
            let lowest = kept.min { columns[$0].priority < columns[$1].priority }!
            kept.removeAll { $0 == lowest }
        }
        // The spare width in equal shares, except that a column with a `most` takes only what it
        // can use, and the others share the rest.
        var spare = max(0, width - needed(kept))
        var grants: [Int: Int] = [:]
        var open = kept.filter { columns[$0].flexible }
        while !open.isEmpty {
            let share = spare / open.count
            let capped = open.filter { i in columns[i].most.map { $0 - columns[i].width < share } ?? false }
            if capped.isEmpty {
                for (k, i) in open.enumerated() {
                    grants[i] = spare / (open.count - k)
                    spare -= grants[i]!
                }
                break
            }
            for i in capped {
                grants[i] = max(0, (columns[i].most ?? 0) - columns[i].width)
                spare -= grants[i]!
            }
            open.removeAll { capped.contains($0) }
        }
        var placed: [(Int, Int, Int)] = []
        var x = 0
        for (n, index) in kept.enumerated() {
            var w = columns[index].width + (grants[index] ?? 0)
            if n == kept.count - 1 { w = max(0, min(w, width - x)) }
            placed.append((index, x, w))
            x += w + 1
        }
        self.placed = placed
    }
}
