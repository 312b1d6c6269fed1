import Engine
import Foundation
import TestSupport
import Testing

/// Hostile strings stored in a schedule (escape sequences, an OSC 52 clipboard write, the one-byte
/// CSI, a bidi override) come out of every `schedule` command as printable text: no escape or
/// control byte reaches the terminal, and `--json` carries them as JSON escapes that parse back to
/// the same text.
@Suite(.enabled(if: TestServices.enabled))
struct HostileOutputTests {
    static let name = "evil\u{202E}gnp.exe"
    static let header = "X-Note: a\u{9B}31mred"
    static let body = "x\u{1B}[2J\u{1B}]52;c;Ym9keQ==\u{07}y"

    /// The first byte sequence in `bytes` a terminal would act on rather than print, if any.
    static func firstControl(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        for (i, b) in bytes.enumerated() {
            if b < 0x20 && b != 0x0A { return "byte \(b) at \(i)" }
            if b == 0x7F { return "DEL at \(i)" }
            if b == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { return "C1 \(bytes[i + 1]) at \(i)" }
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, (0xAA...0xAE).contains(bytes[i + 2]) { return "bidi override at \(i)" }
            if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x81, (0xA6...0xA9).contains(bytes[i + 2]) { return "bidi isolate at \(i)" }
        }
        return nil
    }

    @Test func everyScheduleCommandPrintsHostileTextSafely() async throws {
        let queueName = TestServices.uniqueName("hostile")
        try await TestDatabaseURL.withSchema { url in
            func run(_ arguments: [String], status: Int32? = 0) async throws -> ProcessRunner.Result {
                let result = try await ScheduleCommandTests.crontui(arguments, url: url, queue: queueName)
                #expect(status.map { result.status == $0 } ?? (result.status != 0), "\(arguments): \(result.stderr)")
                #expect(Self.firstControl(result.stdout) == nil, "stdout of \(arguments): \(Self.firstControl(result.stdout) ?? "")")
                #expect(Self.firstControl(result.stderr) == nil, "stderr of \(arguments): \(Self.firstControl(result.stderr) ?? "")")
                return result
            }
            let added = try await run([
                "schedule", "add", "--name", Self.name, "--cron", "0 0 1 1 *", "--url", "http://127.0.0.1:9/x", "--header", Self.header,
                "--body", Self.body,
            ])
            #expect(added.stdout.hasPrefix("created schedule 1 (evil\u{FFFD}gnp.exe)"), "\(added.stdout)")
            let list = try await run(["schedule", "list"])
            #expect(list.stdout.contains("evil\u{FFFD}gnp.exe"))
            let show = try await run(["schedule", "show", "1"])
            #expect(show.stdout.contains("body:"))
            #expect(show.stdout.contains("x") && !show.stdout.contains("Ym9keQ=="), "the OSC string is removed whole: \(show.stdout)")
            _ = try await run(["schedule", "pause", "1"])
            _ = try await run(["schedule", "resume", "1"])
            _ = try await run(["schedule", "edit", "1", "--body", Self.body + "2"])

            for arguments in [["schedule", "show", "1", "--json"], ["schedule", "list", "--json"]] {
                let output = try await run(arguments).stdout
                #expect(output.contains("\\u202e") && output.contains("\\u009b"), "\(arguments): \(output)")
                let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8))
                let object = (parsed as? [String: Any]) ?? (parsed as? [[String: Any]])?.first ?? [:]
                #expect(object["name"] as? String == Self.name, "\(arguments) parses back to the stored name")
                #expect((object["body"] as? String)?.hasPrefix(Self.body) == true)
            }

            // Errors echo what was typed: cleaned too.
            _ = try await run(["schedule", "show", "no\u{1B}]52;c;Ym9keQ==\u{07}such\u{9B}2J"], status: nil)
            _ = try await run(["schedule", "add", "--name", "x\u{202E}y", "--cron", "bad\u{1B}[2J", "--url", "http://h/"], status: 2)
        }
        let redis = RedisClient(endpoint: try TestServices.redisEndpoint())
        try await JobQueue(name: queueName, redis: redis).destroy()
        redis.close()
    }
}
