import CommandSupport
import Foundation

/// The figures of one benchmark run, as it prints them: the members of the one-line JSON object
/// of `--json`, and otherwise a title and the indented lines of a table. Each list keeps the order
/// its entries were added in, so a figure can stand in the table and the JSON at different places.
struct BenchFigures {
    private let title: String
    private var members: [(key: String, value: String)] = []
    private var lines: [String] = []

    /// Figures under `title`, the table's first line.
    init(_ title: String) { self.title = title }

    /// A JSON member `key` whose `value` is JSON text already (a number or an array), and the
    /// table's `line`, if any.
    mutating func add(_ key: String, _ value: String, line: String? = nil) {
        members.append((key, value))
        if let line { lines.append(line) }
    }

    /// A whole number: `key` in the JSON, and the table's `line`, if any.
    mutating func add(_ key: String, _ value: Int, line: String? = nil) { add(key, "\(value)", line: line) }

    /// A fraction written with `format` (`%.3f`): `key` in the JSON, and the table's `line`, if any.
    mutating func add(_ key: String, _ value: Double, _ format: String, line: String? = nil) {
        add(key, String(format: format, value), line: line)
    }

    /// A line of the table alone.
    mutating func add(line: String) { lines.append(line) }

    /// `{"key": value, ...}`, in the order added.
    var json: String { "{" + members.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}" }

    /// The title, then each line indented by two spaces.
    var text: String { ([title] + lines.map { "  " + $0 }).joined(separator: "\n") }

    /// Prints ``json`` when `output` asks for it, ``text`` otherwise.
    func print(_ output: JSONOutputOption) { Swift.print(output.json ? json : text) }
}
