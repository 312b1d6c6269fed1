import ArgumentParser
import CommandSupport
import Engine
import Foundation

/// `crontui backup DIR` and `crontui restore DIR`: everything the system holds, in one folder.
///
/// - `postgres.dump`: the schema of `DATABASE_URL` (schedules, the fire ledger, executions, audit,
///   the migration record), by `pg_dump` in its custom format;
/// - `redis.dump`: every key of the queue, as Redis's `DUMP` serializes it, with its TTL;
/// - `backup.json`: when, which queue, which schema, which schema version.
///
/// `restore` puts both back into empty services (it refuses a schema with tables in it, or a queue
/// with keys), so a restored system runs the jobs that were waiting, delayed or failed.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Copy the schedules, history, audit log and the queue's Redis keys into a folder.")

    @OptionGroup var folder: BackupFolderArguments

    func run() async throws {
        // The files hold every secret of the schedules and of the jobs in the queue: only their
        // owner reads them (a new folder too), and pg_dump inherits the mask.
        umask(0o077)
        let created = try folder.files.prepareEmpty()
        do {
            try await folder.withSystem { system in try await backup(system, folder.files) }
        } catch {
            // A backup that failed leaves nothing behind: no partial file, no folder it made.
            folder.files.remove(folder: created)
            throw error
        }
    }

    private func backup(_ system: CronSystem, _ files: BackupFiles) async throws {
        let configuration = system.configuration
        let schema = try await BackupFiles.schema(of: system)
        try BackupFiles.runTool(
            "pg_dump",
            ["--format=custom", "--no-owner", "--schema=\(schema.name)", "--file=\(files.postgres)", "--dbname=\(configuration.database.conninfo)"])
        let keys: [JobQueue.DumpedKey]
        do {
            keys = try await system.dumpQueue()
        } catch {
            throw RuntimeError("REDIS_URL: cannot read queue \(configuration.queueName) from \(configuration.redis): \(error)")
        }
        try BackupFiles.encode(keys).write(to: URL(fileURLWithPath: files.redis))
        let manifest: [String: Any] = [
            "format": 1, "created_at": ISO8601DateFormatter().string(from: Date()), "queue": configuration.queueName,
            "schema": schema.name, "schema_version": schema.version, "redis_keys": keys.count,
        ]
        try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: files.manifest))
        CronTUICommand.printLine(
            "backed up schema \(schema.name) (version \(schema.version)) and \(keys.count) keys of queue \(configuration.queueName) into \(files.directory)"
        )
    }
}

/// `crontui restore DIR`.
struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Put a backup (crontui backup) back into empty services.")

    @OptionGroup var folder: BackupFolderArguments

    func run() async throws {
        try await folder.withSystem { system in try await restore(system, folder.files) }
    }

    private func restore(_ system: CronSystem, _ files: BackupFiles) async throws {
        let configuration = system.configuration
        guard let data = FileManager.default.contents(atPath: files.manifest),
            let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any], manifest["format"] as? Int == 1,
            let queueName = manifest["queue"] as? String
        else {
            throw UsageError("DIR: \(files.directory) holds no crontui backup (backup.json is missing or unreadable)")
        }
        guard queueName == configuration.queueName else {
            throw UsageError("QUEUE_NAME: the backup is of queue '\(queueName)', not '\(configuration.queueName)'")
        }
        guard let redisData = FileManager.default.contents(atPath: files.redis), let keys = BackupFiles.decode(Array(redisData)) else {
            throw RuntimeError("\(files.redis) is missing or damaged")
        }
        let schema = try await BackupFiles.schema(of: system)
        guard schema.tables == 0 else {
            throw RuntimeError("DATABASE_URL: schema \(schema.name) already holds \(schema.tables) tables; restore goes into an empty one")
        }
        do {
            guard try await system.dumpQueue().isEmpty else {
                throw RuntimeError("REDIS_URL: queue \(configuration.queueName) already holds keys; restore goes into an empty one")
            }
        } catch let error as QueueError {
            throw RuntimeError("REDIS_URL: cannot read queue \(configuration.queueName): \(error)")
        }
        try BackupFiles.runTool(
            "pg_restore", ["--clean", "--if-exists", "--no-owner", "--exit-on-error", "--dbname=\(configuration.database.conninfo)", files.postgres])
        do {
            try await system.restoreQueue(keys)
        } catch {
            throw RuntimeError("REDIS_URL: cannot restore queue \(configuration.queueName): \(error)")
        }
        CronTUICommand.printLine("restored schema \(manifest["schema"] as? String ?? "?") and \(keys.count) keys of queue \(queueName)")
    }
}

/// What `backup` and `restore` take: the connection flags and the backup's folder.
struct BackupFolderArguments: ParsableArguments {
    @OptionGroup var connection: ConnectionOptions

    @Argument(help: "The backup's folder: backup writes it (created if missing; must be empty), restore reads it.")
    var directory: String

    /// The folder's files.
    var files: BackupFiles { BackupFiles(directory: directory) }

    /// Runs `body` with the configured system; the schema is not checked (backup copies it as it
    /// is, restore fills an empty one).
    func withSystem(_ body: (CronSystem) async throws -> Void) async throws {
        try await connection.withSystem(checkSchema: false, body)
    }
}

/// The files of a backup folder, and the tools that write and read them.
struct BackupFiles {
    let directory: String
    var postgres: String { directory + "/postgres.dump" }
    var redis: String { directory + "/redis.dump" }
    var manifest: String { directory + "/backup.json" }

    /// Creates the folder, or checks that it is empty; true when it created it.
    func prepareEmpty() throws -> Bool {
        let manager = FileManager.default
        if manager.fileExists(atPath: directory) {
            guard (try? manager.contentsOfDirectory(atPath: directory))?.isEmpty == true else {
                throw UsageError("DIR: \(directory) is not an empty folder")
            }
            return false
        }
        try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return true
    }

    /// Removes the files a backup writes, and the folder too when `folder` is true.
    func remove(folder: Bool) {
        for path in [postgres, redis, manifest] { try? FileManager.default.removeItem(atPath: path) }
        if folder { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// The schema the system's database works in, its migration version and how many tables it holds.
    static func schema(of system: CronSystem) async throws -> CronSystem.SchemaInfo {
        do throws(SystemError) {
            return try await system.schemaInfo()
        } catch {
            throw RuntimeError("DATABASE_URL: \(error.message)", exitCode: error.exitCode)
        }
    }

    /// Runs PostgreSQL's `tool` (the newest installed, as the server's own version most likely is).
    static func runTool(_ tool: String, _ arguments: [String]) throws {
        let installed = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        let newest = installed.compactMap(Int.init).max().map { "/usr/lib/postgresql/\($0)/bin/\(tool)" }
        let path = newest.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil } ?? "/usr/bin/\(tool)"
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw RuntimeError("\(tool) is not installed (Debian: apt-get install postgresql-client)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            throw RuntimeError("\(tool) failed (exit \(process.terminationStatus)): \(Redaction.message(text))")
        }
    }

    /// `crontui-redis-backup 1`, then per key a line `<key bytes> <ttl ms> <value bytes>` and the
    /// key's and the value's bytes.
    static func encode(_ keys: [JobQueue.DumpedKey]) -> Data {
        var out = Array("crontui-redis-backup 1\n".utf8)
        for key in keys {
            let name = Array(key.key.utf8)
            out += Array("\(name.count) \(key.ttl) \(key.value.count)\n".utf8)
            out += name
            out += key.value
        }
        return Data(out)
    }

    /// The keys `encode` wrote; nil when the bytes are not such a file.
    static func decode(_ bytes: [UInt8]) -> [JobQueue.DumpedKey]? {
        let header = Array("crontui-redis-backup 1\n".utf8)
        guard bytes.starts(with: header) else { return nil }
        var keys: [JobQueue.DumpedKey] = []
        var i = header.count
        while i < bytes.count {
            guard let newline = bytes[i...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            let fields = String(decoding: bytes[i..<newline], as: UTF8.self).split(separator: " ").compactMap { Int($0) }
            guard fields.count == 3, fields[0] >= 0, fields[2] >= 0, newline + 1 + fields[0] + fields[2] <= bytes.count else { return nil }
            let keyStart = newline + 1
            let valueStart = keyStart + fields[0]
            keys.append(
                JobQueue.DumpedKey(
                    key: String(decoding: bytes[keyStart..<valueStart], as: UTF8.self), ttl: Int64(fields[1]),
                    value: Array(bytes[valueStart..<(valueStart + fields[2])])))
            i = valueStart + fields[2]
        }
        return keys
    }
}
