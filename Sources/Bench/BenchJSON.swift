/// The one-line JSON object a benchmark prints with `--json`.
enum BenchJSON {
    /// `{"key": value, ...}` in the order given; each value is JSON text already (a number).
    static func object(_ fields: [(String, String)]) -> String {
        "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
    }
}
