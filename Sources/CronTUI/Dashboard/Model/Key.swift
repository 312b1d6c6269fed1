/// A key press, decoded by the terminal adapter.
enum Key: Hashable, Sendable {
    /// A printable character (letters, digits, punctuation, any script).
    case char(Character)
    /// Ctrl with a lowercase letter: `.ctrl("c")` is Ctrl-C.
    case ctrl(Character)
    case enter
    case escape
    case tab
    case backTab
    case backspace
    case delete
    case up
    case down
    case left
    case right
    case pageUp
    case pageDown
    case home
    case end
    /// A function key: `.function(1)` is F1.
    case function(Int)

    /// How the help overlay names the key.
    var label: String { label(ascii: false) }

    /// The key's name on screen; in ASCII, the arrows are named in words.
    func label(ascii: Bool) -> String {
        if ascii {
            switch self {
            case .up: return "Up"
            case .down: return "Down"
            case .left: return "Left"
            case .right: return "Right"
            default: break
            }
        }
        return switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .ctrl(let c): "Ctrl-" + c.uppercased()
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Bksp"
        case .delete: "Del"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .function(let n): "F\(n)"
        }
    }
}
