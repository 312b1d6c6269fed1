import CNcurses

/// Turns what `wget_wch` returns into a ``Key``.
enum KeyDecoder {
    /// A function key (`wget_wch` returned `KEY_CODE_YES`); nil for keys the dashboard ignores.
    static func function(_ code: UInt32) -> Key? {
        switch Int32(code) {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_PPAGE: .pageUp
        case KEY_NPAGE: .pageDown
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_BTAB: .backTab
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case KEY_DC: .delete
        case crontui_key_f(1): .function(1)
        default: nil
        }
    }

    /// A character (`wget_wch` returned OK).
    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(code + 0x60)!))
        default:
            guard let scalar = Unicode.Scalar(code), code >= 0x20 else { return nil }
            return .char(Character(scalar))
        }
    }
}
