/// How an operator names a schedule: by its id or by its name. Names are never all digits, so
/// `42` is an id and `nightly-report` a name.
public enum ScheduleReference: Sendable, Hashable, CustomStringConvertible {
    /// By id.
    case id(Int64)
    /// By name.
    case name(String)

    /// An id when `text` is all ASCII digits, a name otherwise.
    public init(_ text: String) {
        if !text.isEmpty, text.utf8.count <= 18, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let id = Int64(text) {
            self = .id(id)
        } else {
            self = .name(text)
        }
    }

    /// `42` or `'nightly-report'`.
    public var description: String {
        switch self {
        case .id(let id): String(id)
        case .name(let name): ErrorText.quote(name)
        }
    }
}
