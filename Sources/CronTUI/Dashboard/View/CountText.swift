import Foundation

/// Counts in a few characters: `987`, `10.2k`, `3.4M`.
enum CountText {
    static func short(_ n: Int) -> String {
        if n < 10_000 { return "\(n)" }
        if n < 1_000_000 { return String(format: "%.1fk", Double(n) / 1000) }
        return String(format: "%.1fM", Double(n) / 1_000_000)
    }
}
