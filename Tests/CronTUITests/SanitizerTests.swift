import CNcurses
import Foundation
import Testing

@testable import CronTUI

/// Hostile strings must reach the screen as inert, visible text of the width they claim.
@Suite struct SanitizerTests {
    static let marker = String(Sanitizer.marker)

    @Test(arguments: [
        ("clear\u{1B}[2Jscreen", "clearscreen"),
        ("csi params\u{1B}[38;5;196mred\u{1B}[0m", "csi paramsred"),
        ("osc52 \u{1B}]52;c;ZXZpbA==\u{07}copied", "osc52 copied"),
        ("osc st \u{1B}]0;title\u{1B}\\done", "osc st done"),
        ("dcs \u{1B}Pq#0;2;0;0;0\u{1B}\\end", "dcs end"),
        ("apc \u{1B}_payload\u{1B}\\x", "apc x"),
        ("charset \u{1B}(Bok", "charset ok"),
        ("two-byte \u{1B}cX", "two-byte X"),
        ("trailing escape \u{1B}", "trailing escape "),
        ("unterminated osc \u{1B}]52;c;AAAA", "unterminated osc "),
    ])
    func escapeSequencesAreRemovedWhole(input: String, expected: String) {
        #expect(Sanitizer.line(input) == expected)
    }

    @Test(arguments: [
        ("bell\u{07}", "bell" + marker),
        ("nul\u{00}", "nul" + marker),
        ("del\u{7F}", "del" + marker),
        ("c1 csi \u{9B}2J", "c1 csi " + marker + "2J"),
        ("c1 osc \u{9D}52;c;x", "c1 osc " + marker + "52;c;x"),
        ("next line \u{85}", "next line " + marker),
        ("bidi \u{202E}gnp.exe", "bidi " + marker + "gnp.exe"),
        ("isolate \u{2066}x\u{2069}", "isolate " + marker + "x" + marker),
        ("zero\u{200B}width", "zero" + marker + "width"),
        ("bom\u{FEFF}", "bom" + marker),
        ("rtl mark\u{200F}", "rtl mark" + marker),
    ])
    func controlsAndInvisiblesBecomeVisibleMarkers(input: String, expected: String) {
        #expect(Sanitizer.line(input) == expected)
    }

    @Test func lineBreaksAndTabsInOneLine() {
        #expect(Sanitizer.line("a\nb\tc\r\nd") == "a⏎b c⏎d")
    }

    @Test func multiLineTextExpandsTabsAndSplits() {
        #expect(Sanitizer.lines("a\tb\r\nxy\tz\rq") == ["a   b", "xy  z", "q"])
    }

    @Test func invalidUTF8BecomesReplacementCharacters() {
        #expect(Sanitizer.decode([0x61, 0xFF, 0x62, 0xC3]) == "a\u{FFFD}b\u{FFFD}")
    }

    @Test func hugeInputIsCutBeforeMeasuring() {
        let long = String(repeating: "é", count: 100_000)
        #expect(Sanitizer.line(long).unicodeScalars.count == Sanitizer.lineLimit)
    }

    @Test(arguments: [
        ("abc", 3), ("日本語", 6), ("🚀", 2), ("e\u{301}", 1), ("한글", 4), ("ｶﾀｶﾅ", 4), ("Ａ", 2), ("✓", 1),
        ("❤\u{FE0F}", 2), ("⏱", 1), ("…", 1), ("▁▂", 2),
    ])
    func widthsAreColumns(text: String, columns: Int) {
        #expect(TextWidth.of(text) == columns)
    }

    @Test(arguments: [
        ("日本語レポート", 0, 6, "日本 …    "),
        ("ab🚀🚀", 0, 5, "ab🚀…     "),
        ("🚀🚀🚀", 4, 6, "    🚀🚀🚀"),
        ("x🚀", 8, 2, "        x…"),
        ("🚀", 9, 1, "         …"),
    ])
    func wideCharactersAtAColumnEdgeBecomeBlanks(text: String, x: Int, limit: Int, expected: String) {
        var screen = Screen(size: TerminalSize(columns: 10, rows: 1))
        screen.put(text, x: x, y: 0, limit: limit, role: .normal)
        #expect(screen.text == expected + "\n")
        #expect(TextWidth.of(expected) == 10)
    }

    @Test func overwritingHalfAWideCharacterClearsTheOtherHalf() {
        var screen = Screen(size: TerminalSize(columns: 4, rows: 1))
        screen.put("日本", x: 0, y: 0, role: .normal)
        screen.put("x", x: 1, y: 0, role: .normal)
        #expect(screen.text == " x本\n")
        screen.put("y", x: 2, y: 0, role: .normal)
        #expect(screen.text == " xy \n")
    }

    @Test func everythingDrawnGoesThroughTheSanitizer() {
        var screen = Screen(size: TerminalSize(columns: 30, rows: 1))
        screen.put("\u{1B}]52;c;ZXZpbA==\u{07}\u{1B}[2Jname\u{202E}", x: 0, y: 0, role: .normal)
        let text = screen.text
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x80...0x9F).contains($0.value) })
        #expect(text.hasPrefix("name" + Self.marker))
    }

    @Test func loneCombiningMarksAreShown() {
        var screen = Screen(size: TerminalSize(columns: 3, rows: 1))
        screen.put("\u{301}a", x: 0, y: 0, role: .normal)
        #expect(screen.text == Self.marker + "a \n")
    }

    /// Our widths must agree with the C library's, or ncurses would place later cells elsewhere.
    @Test func widthsAgreeWithTheCLibrary() throws {
        guard setlocale(LC_CTYPE, "C.UTF-8") != nil else { return }
        let samples: [Unicode.Scalar] = ["a", "日", "한", "Ａ", "🚀", "✓", "✗", "↻", "▶", "⏱", "●", "⏸", "│", "▇", "…", "é", "ｶ"]
        for scalar in samples {
            #expect(Int(crontui_wcwidth(scalar.value)) == TextWidth.of(scalar), "U+\(String(scalar.value, radix: 16))")
        }
    }
}
