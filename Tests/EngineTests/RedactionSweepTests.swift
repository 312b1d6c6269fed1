import Foundation
import Logging
import Testing

@testable import Engine

/// Known secrets pushed through every refusal path that echoes what it was given (connection
/// strings, schedule URLs and headers, log lines): none of them comes back.
struct RedactionSweepTests {
    static let secrets = ["hunter4pw", "s3cretTok", "sig-abc123", "pgpass77"]

    static func expectClean(_ text: String, _ what: String) {
        for secret in secrets { #expect(!text.contains(secret), "\(what) leaks \(secret): \(text)") }
    }

    @Test func messagesMaskEverySecretShape() {
        #expect(Redaction.message("http://alice:hunter4pw@h/x") == "http://alice:***@h/x")
        #expect(Redaction.message("redis://:hunter4pw@h:6379/0") == "redis://:***@h:6379/0")
        #expect(Redaction.message("https://h/x?token=s3cretTok&page=2") == "https://h/x?token=***&page=2")
        #expect(Redaction.message("https://h/x?X-Amz-Signature=sig-abc123#f") == "https://h/x?X-Amz-Signature=***#f")
        #expect(Redaction.message("host=db user=u password=pgpass77 dbname=x") == "host=db user=u password=*** dbname=x")
        #expect(Redaction.message("host=db password='pg pass77' dbname=x") == "host=db password=*** dbname=x")
        #expect(Redaction.message("postgres://u@h/db?sslmode=require&password=pgpass77") == "postgres://u@h/db?sslmode=require&password=***")
        #expect(Redaction.message("sent Authorization: Bearer s3cretTok, then") == "sent Authorization: ***, then")
        #expect(Redaction.message("plain text, nothing to hide") == "plain text, nothing to hide")
        #expect(Redaction.message("page=2&sort=name") == "page=2&sort=name")
    }

    @Test func refusalsDoNotEchoSecrets() {
        var messages: [(String, String)] = []
        for url in [
            "postgres://u:hunter4pw@h:99999/db", "postgres://u:hunter4pw@@", "postgres://u@h/db?password=pgpass77&sslmode=bogus",
            "mysql://u:hunter4pw@h/db", "host=h password=pgpass77 port=notaport",
        ] {
            do {
                _ = try PostgresEndpoint(url: url)
            } catch { messages.append(("DATABASE_URL \(url)", error.description)) }
        }
        for url in ["redis://a:hunter4pw@h:99999/0", "redis://u:hunter4pw@@h/0", "rediss://:hunter4pw@h/x?token=s3cretTok", "foo://:hunter4pw@h"] {
            do {
                _ = try RedisEndpoint(url: url)
            } catch { messages.append(("REDIS_URL \(url)", error.description)) }
        }
        do {
            _ = try ScheduleHeader(line: "Authorization Bearer s3cretTok")
        } catch { messages.append(("header", error.description)) }
        for url in ["http://alice:hunter4pw@", "ftp://alice:hunter4pw@h/?token=s3cretTok", "http//alice:hunter4pw@h?token=s3cretTok"] {
            var input = ScheduleInput()
            input.name = "x"
            input.cron = "* * * * *"
            input.url = url
            do {
                _ = try input.definition()
            } catch { messages.append(("schedule url \(url)", error.description)) }
        }
        #expect(messages.count >= 10, "each refusal path was taken: \(messages.map(\.0))")
        for (what, message) in messages { Self.expectClean(message, what) }
    }

    @Test func logLinesAreRedacted() {
        for format in [LogFormat.json, .text] {
            let line = LineLogHandler.line(
                format: format, timestamp: "t", level: .error, label: "crontui",
                message: "cannot connect to postgres://u:hunter4pw@h/db?password=pgpass77",
                metadata: ["url": .string("https://h/x?token=s3cretTok"), "conninfo": .stringConvertible("host=h password=pgpass77")])
            Self.expectClean(line, "a \(format) log line")
            #expect(line.contains("***"))
        }
    }
}
