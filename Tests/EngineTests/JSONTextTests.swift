import Foundation
import Testing

@testable import Engine

/// The one JSON string escaper and the one random source.
@Suite struct JSONTextTests {
    @Test func escapesQuotesBackslashesAndEveryControl() throws {
        let text = "a\"b\\c\n\r\t\u{1}\u{7F}\u{9B}[31mé✓"
        let json = JSONText.string(text)
        #expect(json == #""a\"b\\c\n\r\t\u0001\u007f\u009b[31mé✓""#)
        #expect(json.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && !(0x80...0x9F).contains($0.value) })
        let decoded = try JSONDecoder().decode(String.self, from: Data(json.utf8))
        #expect(decoded == text)
        var bytes: [UInt8] = Array("x".utf8)
        JSONText.append(text, to: &bytes)
        #expect(bytes == Array(("x" + json).utf8))
    }

    @Test func seededRandomRepeatsAndSharedRandomStaysInRange() {
        var a = RandomSource(seed: 42)
        var b = RandomSource(seed: 42)
        #expect((0..<5).map { _ in a.next() } == (0..<5).map { _ in b.next() })
        for _ in 0..<1_000 {
            let unit = RandomSource.unit()
            #expect(unit >= 0 && unit < 1)
        }
        #expect(RandomSource.hex(0xAB) == "00000000000000ab")
        #expect(RandomSource.next() != RandomSource.next())
    }
}
