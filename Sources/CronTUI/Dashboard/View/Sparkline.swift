/// A one-line chart of recent values, scaled to the largest one.
enum Sparkline {
    /// The last `width` of `values` as level characters (blanks where there is no data yet).
    static func render(_ values: [Int], width: Int, levels: [Character]) -> String {
        guard width > 0, !levels.isEmpty else { return "" }
        let shown = values.suffix(width)
        let top = max(1, shown.max() ?? 1)
        var text = String(repeating: " ", count: width - shown.count)
        for value in shown {
            let clamped = max(0, value)
            let level = clamped == 0 ? 0 : max(1, (clamped * (levels.count - 1) + top - 1) / top)
            text.append(levels[min(level, levels.count - 1)])
        }
        return text
    }
}
