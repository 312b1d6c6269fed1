/// A filter on names: case-insensitive substrings, any of which matches, or (``excluding``) none
/// of which may. Its text form is what an operator types: `sync|bill` keeps names containing
/// `sync` or `bill`, `!fast` drops those containing `fast`, `!a|b` those containing either.
///
/// History applies it in the database (``ExecutionQuery/name``), so pages stay full and keyset
/// paging stays exact; lists held in memory use ``matches(_:)``, which agrees with it.
public struct NameFilter: Sendable, Hashable, CustomStringConvertible {
    /// The substrings, as typed (spaces around each trimmed), never empty strings.
    public let terms: [String]
    /// True when a name containing any term is dropped rather than kept.
    public let excluding: Bool

    /// A filter keeping names that contain one of `terms` (dropping them when `excluding`).
    public init(terms: [String], excluding: Bool = false) {
        self.terms = terms.map(Self.trimmed).filter { !$0.isEmpty }
        self.excluding = excluding
    }

    /// Parses the text form: `|` between alternatives, a leading `!` excludes. Empty text, or
    /// text of nothing but separators, filters nothing.
    public init(_ text: String) {
        var body = Substring(text)
        while body.first == " " { body = body.dropFirst() }
        let excluding = body.first == "!"
        if excluding { body = body.dropFirst() }
        self.init(terms: body.split(separator: "|").map(String.init), excluding: excluding)
    }

    /// True when nothing is filtered out.
    public var isEmpty: Bool { terms.isEmpty }

    /// Whether `name` passes.
    public func matches(_ name: String) -> Bool {
        if terms.isEmpty { return true }
        let lower = name.lowercased()
        return terms.contains { lower.contains($0.lowercased()) } != excluding
    }

    /// The text form, as ``init(_:)`` reads it: `a|b`, `!x`.
    public var description: String { (excluding ? "!" : "") + terms.joined(separator: "|") }

    private static func trimmed(_ text: String) -> String {
        var s = Substring(text)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
