/// The `/` filter: case-insensitive substring, `a|b` matches either, a leading `!` inverts.
struct TextFilter: Sendable, Hashable {
    private let terms: [String]
    private let inverted: Bool

    /// Parses the text the operator typed; an empty filter matches everything.
    init(_ text: String) {
        var body = Substring(text)
        inverted = body.hasPrefix("!")
        if inverted { body = body.dropFirst() }
        terms = body.split(separator: "|").map { $0.trimmingSpaces().lowercased() }.filter { !$0.isEmpty }
    }

    /// True when nothing is filtered out.
    var isEmpty: Bool { terms.isEmpty }

    /// Whether `text` passes.
    func matches(_ text: String) -> Bool {
        if terms.isEmpty { return true }
        let lower = text.lowercased()
        let hit = terms.contains { lower.contains($0) }
        return hit != inverted
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
