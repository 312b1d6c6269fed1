import ArgumentParser
import CommandSupport
import Engine
import Foundation

/// `crontui history`: recorded attempts, newest first, one page at a time.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List recorded attempts, newest first (keyset pages: pass --after to continue).",
        discussion: """
            --queue NAME lists only the attempts run by that queue; without it, history lists every queue's. \
            Attempts recorded before crontui recorded queues name none, and no --queue matches them.
            """
    )

    @OptionGroup var connection: ConnectionOptions

    @Option(help: "Only attempts with this status: succeeded, failed, retrying, running, timed_out.")
    var status: String?

    @Option(help: "Only attempts of the schedule with this name.")
    var schedule: String?

    @Option(help: "Only attempts started since: a duration back from now (15m, 2h, 7d) or an instant (2024-05-01T12:00:00Z).")
    var since: String?

    @Option(help: "Only attempts of this trace id (32 hex digits).")
    var trace: String?

    @Option(help: "Only attempts of this job.")
    var job: String?

    @Option(help: "Rows per page, 1-1000.")
    var limit: Int = 50

    @Option(help: "Continue after this row (printed at the end of the previous page).")
    var after: String?

    @Flag(help: "Print a JSON array of execution objects (the items of GET /api/cron/jobs).")
    var json = false

    @Flag(help: "With --json: add each attempt's response headers and body (as GET /api/cron/executions/ID has them).")
    var detail = false

    func validate() throws {
        try UsageError.checking {
            if detail && !json { throw UsageError("--detail: only with --json (it adds each response's headers and body to the JSON)") }
            _ = try query(now: 0)
        }
    }

    func query(now: Int64) throws -> ExecutionQuery {
        var query = ExecutionQuery(scheduleName: schedule, jobID: job, limit: limit)
        if let queue = connection.queueName {
            if let problem = QueueName.problem(queue) { throw UsageError("--queue: \(problem)") }
            query.queue = queue
        }
        if let status {
            // `timed-out`, as the dashboard spells it, is taken too.
            guard let value = Engine.ExecutionStatus(rawValue: status.lowercased().replacingOccurrences(of: "-", with: "_")) else {
                throw UsageError("--status: '\(Sanitizer.line(status, limit: 40))' is not one of succeeded, failed, retrying, running, timed_out")
            }
            query.status = value
        }
        if let since {
            guard let at = InstantArgument.parse(since, now: now) else {
                throw UsageError(
                    "--since: '\(Sanitizer.line(since, limit: 40))' is neither a duration (15m, 2h) nor an instant (2024-05-01T12:00:00Z)")
            }
            query.since = at
        }
        if let trace {
            guard TraceParent.isTraceID(trace) else { throw UsageError("--trace: must be 32 hex digits") }
            query.traceID = trace.lowercased()
        }
        try UsageError.check("--limit", limit, in: 1...1_000)
        if let after {
            guard let cursor = ExecutionCursor(after) else {
                throw UsageError("--after: '\(Sanitizer.line(after, limit: 40))' is not a cursor printed by history")
            }
            query.after = cursor
        }
        return query
    }

    func run() async throws {
        let query = try query(now: SystemQueueClock().nowMilliseconds())
        let page = try await connection.withSystem { system in
            do {
                return try await system.history(query)
            } catch {
                throw RuntimeError("\(connection.databaseField): cannot read history from PostgreSQL at \(system.configuration.database): \(error)")
            }
        }
        if json {
            // The same objects as `GET /api/cron/jobs` has in `items`.
            var writer = JSONWriter()
            page.writeJSON(to: &writer, detail: detail)
            CronTUICommand.printLine(Sanitizer.json(String(decoding: writer.bytes, as: UTF8.self)))
            if let next = page.next { CronTUICommand.printNote("more: --after \(next)") }
            return
        }
        if page.records.isEmpty {
            CronTUICommand.printLine("no executions")
            return
        }
        let queueWidth = Self.queueWidth(page.records)
        CronTUICommand.printLine(Self.header(queueWidth: queueWidth))
        for record in page.records { CronTUICommand.printLine(Self.line(record, queueWidth: queueWidth)) }
        if let next = page.next { CronTUICommand.printLine("more: crontui history --after \(next) (same filters)") }
    }

    /// The width of the QUEUE column for `records`: 0 (no column) unless they come from more than
    /// one queue (an attempt recorded before queues were names none, shown as `-`).
    static func queueWidth(_ records: [ExecutionRecord]) -> Int {
        let queues = Set(records.map(\.queue))
        guard queues.count > 1 else { return 0 }
        return min(queues.reduce(5) { max($0, TextWidth.of($1 ?? "")) }, 24) + 1
    }

    /// The header line; a QUEUE column after JOB when `queueWidth` is not 0.
    static func header(queueWidth: Int = 0) -> String {
        pad("STARTED (UTC)", 24) + pad("STATUS", 11) + pad("HTTP", 5) + pad("MS", 8) + pad("TRY", 6) + pad("SCHEDULE", 20) + pad("JOB", 24)
            + (queueWidth > 0 ? pad("QUEUE", queueWidth) : "") + "TRACE / ERROR"
    }

    /// The line of `r`, with its queue when `queueWidth` is not 0.
    static func line(_ r: ExecutionRecord, queueWidth: Int = 0) -> String {
        let started = String(ISOTime.format(milliseconds: r.startedAt).prefix(23))
        let detail = r.error.map { "\(r.traceID) \(Sanitizer.line($0, limit: 80))" } ?? r.traceID
        return pad(started, 24) + pad(r.status.rawValue, 11) + pad(r.httpStatus.map(String.init) ?? "-", 5)
            + pad(r.durationMs.map(String.init) ?? "-", 8)
            + pad("\(r.attempt)/\(r.maxAttempts)", 6) + pad(cell(r.scheduleName ?? "-", 19), 20)
            + pad(cell(r.jobID, 23), 24) + (queueWidth > 0 ? pad(cell(r.queue ?? "-", queueWidth - 1), queueWidth) : "") + detail
    }

    /// Untrusted `text` as one line of at most `columns` display columns.
    static func cell(_ text: String, _ columns: Int) -> String {
        TextWidth.prefix(Sanitizer.line(text), columns: columns)
    }

    /// `s` padded to `width` display columns (a wide character takes two), or followed by one
    /// space when it is that wide already.
    static func pad(_ s: String, _ width: Int) -> String {
        TextWidth.padded(s, to: width) + (TextWidth.of(s) >= width ? " " : "")
    }
}
