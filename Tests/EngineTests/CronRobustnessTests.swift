import Testing

@testable import Engine

extension CronTests {
    /// Hostile input never crashes the parser; every refusal is one non-empty line.
    @Suite struct CronRobustnessTests {
        static let alphabet: [Character] =
            Array("0123456789*/-,#LWlw?@ \t JANFEBMARSUNMONFRIjansat") + [
                "\n", "\r", "\u{A0}", "\u{663}", "\u{FF15}", "é", "\u{0}", "\u{1F600}", "+", ".", "x", "%", "\u{7F}", "\"",
            ]

        static func hostile(_ index: Int, using random: inout RandomSource) -> String {
            switch index % 5 {
            case 0:
                // Random characters, biased to the cron alphabet.
                let length = Int.random(in: 0...30, using: &random)
                return String((0..<length).map { _ in alphabet.randomElement(using: &random)! })
            case 1:
                // A valid expression with a few characters changed, removed or added.
                var characters = Array(CronExpressionSampler.expression(using: &random))
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    let position = Int.random(in: 0...characters.count, using: &random)
                    switch Int.random(in: 0..<3, using: &random) {
                    case 0 where position < characters.count: characters.remove(at: position)
                    case 1 where position < characters.count: characters[position] = alphabet.randomElement(using: &random)!
                    default: characters.insert(alphabet.randomElement(using: &random)!, at: position)
                    }
                }
                return String(characters)
            case 2:
                // Fields built from random items, numbers of any size.
                let count = Int.random(in: 1...8, using: &random)
                return (0..<count).map { _ in
                    let numbers = (0..<Int.random(in: 1...3, using: &random)).map { _ in
                        String(
                            UInt64.random(in: 0...UInt64.max, using: &random) >> UInt64.random(in: 0...63, using: &random))
                    }
                    return numbers.joined(separator: ["-", "/", ",", "#", "W", "L"].randomElement(using: &random)!)
                }.joined(separator: " ")
            case 3:
                // Long and repetitive.
                let unit = ["*", "1,", "*/", "L", " ", "\t", "-", "5#", "@", "99999999999999999999"].randomElement(
                    using: &random)!
                return String(repeating: unit, count: Int.random(in: 1...200, using: &random))
            default:
                // Valid expressions: these must parse.
                return CronExpressionSampler.expression(using: &random)
            }
        }

        @Test func randomAndHostileStringsGetAValueOrOneLine() async throws {
            let (problems, accepted) = try await CronFixtures.offCooperativePool { Self.parseHostileStrings(100_000) }
            for problem in problems.prefix(10) { Issue.record(Comment(rawValue: problem)) }
            #expect(problems.isEmpty)
            #expect(accepted >= 20_000)
        }

        /// Parses `count` hostile strings: the problems found and how many parsed.
        static func parseHostileStrings(_ count: Int) -> ([String], Int) {
            var random = RandomSource(seed: 99)
            var problems: [String] = []
            var accepted = 0
            for index in 0..<count {
                let text = Self.hostile(index, using: &random)
                do {
                    _ = try CronExpression(text)
                    accepted += 1
                } catch {
                    let line = error.description
                    if line.isEmpty || line.contains(where: \.isNewline) || line.utf8.count > 300 {
                        problems.append("\(CronError.quote(text)) -> \(CronError.quote(line))")
                    }
                    if index % 5 == 4 { problems.append("sampled expression refused: \(text)") }
                }
            }
            return (problems, accepted)
        }

        @Test(arguments: [
            String(repeating: "*,", count: 50_000) + "* * * * *", String(repeating: " ", count: 100_000),
            String(repeating: "1-2/3,", count: 20_000) + "1 * * * *", "\u{0}\u{0}\u{0}",
            "@" + String(repeating: "x", count: 10_000),
        ])
        func hugeInputsAreRefusedOrAccepted(_ text: String) async throws {
            let message = try await CronFixtures.offCooperativePool { CronFixtures.error(text) }
            if let message {
                #expect(!message.isEmpty && !message.contains("\n"))
            }
        }
    }
}
