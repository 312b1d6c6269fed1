import Engine
import Foundation
import TestSupport
import Testing

/// The real binary, refusing what it is given in every way that could echo a secret: none of the
/// secrets may appear in anything it prints (stdout, stderr, its log lines).
@Suite(.enabled(if: TestServices.enabled && TestDatabaseURL.enabled), .serialized)
struct SecretSweepTests {
    static let secrets = ["hunter4pw", "s3cretHDR", "pgpw123", "kvpw456", "rdpw789", "qtok000", "qsig111"]

    static func crontui(_ arguments: [String], _ environment: [String: String?] = [:]) async throws -> ProcessRunner.Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run(arguments, environment: environment) })
            }
        }
    }

    @Test func noRefusalEchoesASecret() async throws {
        try await TestDatabaseURL.withSchema { url in
            let env: [String: String?] = ["DATABASE_URL": url, "LOG_FORMAT": "json"]
            let add = ["schedule", "add", "--name", "sweep", "--cron", "* * * * *"]
            let runs: [(arguments: [String], environment: [String: String?])] = [
                (add + ["--url", "http://alice:hunter4pw@"], env),
                (add + ["--url", "http://127.0.0.1:9/x", "--header", "Authorization Bearer s3cretHDR"], env),
                (add + ["--url", "http://127.0.0.1:9/x?token=qtok000&X-Amz-Signature=qsig111", "--timeout", "forever"], env),
                (["schedule", "list"], ["DATABASE_URL": "postgres://u:pgpw123@127.0.0.1:1/db?bogus_option=1"]),
                (["schedule", "list"], ["DATABASE_URL": "postgres://u:pgpw123@127.0.0.1:1/db"]),
                (["schedule", "list"], ["DATABASE_URL": "host=127.0.0.1 port=1 password=kvpw456"]),
                (["stats"], ["REDIS_URL": "redis://:rdpw789@127.0.0.1:1/0", "DATABASE_URL": url]),
                (["serve", "--no-api"], ["REDIS_URL": "redis://:rdpw789@127.0.0.1:1/0", "DATABASE_URL": "ftp://u:pgpw123@x/db"]),
                (add + ["--url", "http://alice:hunter4pw@127.0.0.1:9/x?token=qtok000"], env),
                (["schedule", "show", "sweep"], env),
                (["schedule", "list"], env),
            ]
            for (arguments, environment) in runs {
                let result = try await Self.crontui(arguments, environment)
                let printed = result.stdout + result.stderr
                for secret in Self.secrets {
                    #expect(!printed.contains(secret), "\(arguments) printed \(secret):\n\(printed)")
                }
            }
            // The last add was stored: its request still carries the secrets it needs.
            let pool = PostgresPool(endpoint: try PostgresEndpoint(url: url), size: 1)
            let stored = try await pool.query("SELECT url FROM schedules WHERE name = 'sweep'")
            #expect(try stored.first?.decode(0, as: String.self) == "http://alice:hunter4pw@127.0.0.1:9/x?token=qtok000")
            await pool.close()
        }
    }
}
