import API
import Engine
import Foundation
import Synchronization

/// Schedules kept in memory, for route tests that need no PostgreSQL. The servers use
/// ``ScheduleServiceAPIBackend``.
///
/// It checks the fields with the engine's cron and time-zone parsers and the CLI's rules for the
/// rest, names the first bad field in flag order, audits every change through `audit`, and
/// enqueues run-now jobs on `queue`.
final class InMemoryScheduleBackend: ScheduleAPIBackend {
    private let state = Mutex<(nextID: Int64, byID: [Int64: APISchedule])>((1, [:]))
    private let queue: JobQueue?
    private let audit: (any AuditSink)?
    private let clock: any QueueClock

    /// A backend enqueuing runs on `queue` and auditing through `audit`.
    public init(queue: JobQueue? = nil, audit: (any AuditSink)? = nil, clock: any QueueClock = SystemQueueClock()) {
        self.queue = queue
        self.audit = audit
        self.clock = clock
    }

    public func schedules(after afterName: String?, limit: Int) async throws(APIError) -> [APISchedule] {
        let all = state.withLock { Array($0.byID.values) }
        return Array(all.filter { afterName == nil || $0.name > afterName! }.sorted { $0.name < $1.name }.prefix(max(0, limit)))
    }

    public func schedule(_ reference: String) async throws(APIError) -> APISchedule {
        guard let found = find(reference) else { throw APIError.notFound("no schedule \(reference.prefix(60))") }
        return found
    }

    public func create(_ fields: ScheduleFields, by caller: APICaller) async throws(APIError) -> APISchedule {
        let now = clock.nowMilliseconds()
        var schedule = try Self.apply(fields, to: nil, now: now)
        let created = state.withLock { s -> APISchedule? in
            if s.byID.values.contains(where: { $0.name == schedule.name }) { return nil }
            schedule.id = s.nextID
            s.nextID += 1
            s.byID[schedule.id] = schedule
            return schedule
        }
        guard let created else { throw APIError.conflict("a schedule named '\(schedule.name.prefix(60))' exists", field: "name") }
        try await record(caller, "schedule.create", created)
        return created
    }

    public func update(_ reference: String, with fields: ScheduleFields, by caller: APICaller) async throws(APIError) -> APISchedule {
        let current = try await schedule(reference)
        var changed = try Self.apply(fields, to: current, now: clock.nowMilliseconds())
        changed.id = current.id
        let stored = state.withLock { s -> Bool in
            if s.byID.values.contains(where: { $0.name == changed.name && $0.id != changed.id }) { return false }
            s.byID[changed.id] = changed
            return true
        }
        guard stored else { throw APIError.conflict("a schedule named '\(changed.name.prefix(60))' exists", field: "name") }
        try await record(caller, "schedule.update", changed)
        return changed
    }

    public func delete(_ reference: String, by caller: APICaller) async throws(APIError) -> APISchedule {
        let current = try await schedule(reference)
        state.withLock { _ = $0.byID.removeValue(forKey: current.id) }
        try await record(caller, "schedule.delete", current)
        return current
    }

    public func setEnabled(_ reference: String, _ enabled: Bool, by caller: APICaller) async throws(APIError) -> (
        schedule: APISchedule, changed: Bool
    ) {
        var current = try await schedule(reference)
        guard current.enabled != enabled else { return (current, false) }
        current.enabled = enabled
        current.updatedAt = clock.nowMilliseconds()
        let updated = current
        state.withLock { $0.byID[updated.id] = updated }
        try await record(caller, enabled ? "schedule.resume" : "schedule.pause", updated)
        return (updated, true)
    }

    public func runNow(_ reference: String, by caller: APICaller) async throws(APIError) -> APIManualRun {
        let schedule = try await schedule(reference)
        guard let queue else { throw APIError.unavailable("no queue to run on") }
        let request = HTTPJob.Request(
            method: schedule.method, url: schedule.url, headers: schedule.headers.map(Self.headerPair), body: schedule.body.map { Data($0.utf8) },
            timeoutMs: schedule.timeoutMs)
        let payload: [UInt8]
        do {
            payload = try HTTPJob(scheduleID: schedule.id, scheduleName: schedule.name, trigger: .manual, request: request).encoded()
        } catch {
            throw APIError.internal("the request cannot be encoded")
        }
        let job = NewJob(
            id: "\(schedule.id):run:\(UInt64.random(in: 0...UInt64.max))", payload: payload, options: JobOptions(attempts: schedule.attempts))
        do {
            try await queue.enqueue(job)
        } catch {
            throw APIError.unavailable("the queue cannot be reached: \(error)")
        }
        let run = APIManualRun(scheduleID: schedule.id, jobID: job.id ?? "", traceID: job.traceID)
        try await record(caller, "schedule.run", schedule, ["job_id": run.jobID, "trace_id": run.traceID])
        return run
    }

    // MARK: - Helpers

    private func find(_ reference: String) -> APISchedule? {
        state.withLock { s in
            if reference.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let id = Int64(reference) { return s.byID[id] }
            return s.byID.values.first { $0.name == reference }
        }
    }

    private func record(_ caller: APICaller, _ action: String, _ schedule: APISchedule, _ details: [String: String] = [:]) async throws(APIError) {
        try await audit?.record(actor: caller.name, action: action, target: "schedule \(schedule.id) (\(schedule.name))", details: details)
    }

    static func headerPair(_ line: String) -> [String] {
        guard let colon = line.firstIndex(of: ":") else { return [line, ""] }
        return [String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)]
    }

    /// The schedule `fields` give: new when `base` is nil (name, cron, url required), else `base`
    /// changed. Checks every field in flag order.
    static func apply(_ fields: ScheduleFields, to base: APISchedule?, now: Int64) throws(APIError) -> APISchedule {
        func required(_ value: String?, _ field: String, _ old: String?) throws(APIError) -> String {
            guard let value = value ?? old else { throw APIError.invalid(field, "\(field) is required") }
            return value
        }
        var s: APISchedule
        if let base {
            s = base
        } else {
            s = APISchedule(
                id: 0, name: try required(fields.name, "name", nil), cron: try required(fields.cron, "cron", nil),
                url: try required(fields.url, "url", nil), createdAt: now, updatedAt: now)
        }
        s.updatedAt = now
        if let name = fields.name { s.name = name }
        guard !s.name.isEmpty, s.name.count <= 128, s.name.trimmingCharacters(in: .whitespaces) == s.name,
            !s.name.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }),
            !s.name.allSatisfy({ $0.isASCII && $0.isNumber })
        else { throw APIError.invalid("name", "name must be 1-128 characters, not all digits, without control characters or outer blanks") }
        if let cron = fields.cron { s.cron = cron.trimmingCharacters(in: .whitespaces) }
        do {
            _ = try CronExpression(s.cron)
        } catch {
            throw APIError.invalid("cron", "cron: \(error)")
        }
        if let tz = fields.timeZone { s.timeZone = tz.trimmingCharacters(in: .whitespaces) }
        do {
            _ = try CronTimeZone(identifier: s.timeZone)
        } catch {
            throw APIError.invalid("tz", "tz: \(error)")
        }
        if let method = fields.method { s.method = method.trimmingCharacters(in: .whitespaces).uppercased() }
        guard ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].contains(s.method) else {
            throw APIError.invalid("method", "method must be one of DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT")
        }
        if let url = fields.url { s.url = url }
        guard s.url.utf8.count <= 4_096, !s.url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }),
            let parsed = URLComponents(string: s.url), ["http", "https"].contains(parsed.scheme?.lowercased() ?? ""), !(parsed.host ?? "").isEmpty
        else { throw APIError.invalid("url", "url must be an absolute http or https URL with a host") }
        if let lines = fields.headers {
            guard lines.count <= 100 else { throw APIError.invalid("headers", "more than 100 headers") }
            for line in lines {
                let pair = headerPair(line)
                let tokenBytes = Set("!#$%&'*+-.^_`|~".utf8)
                guard line.contains(":"), !pair[0].isEmpty,
                    pair[0].utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || tokenBytes.contains($0) }),
                    pair[1].unicodeScalars.allSatisfy({ $0 == "\t" || ($0.value >= 0x20 && $0.value != 0x7F) })
                else { throw APIError.invalid("headers", "expected 'Name: value' with a token name and no control characters") }
            }
            s.headers = lines
        }
        if let body = fields.body {
            guard body.utf8.count <= 1_048_576 else { throw APIError.invalid("body", "longer than 1 MiB") }
            s.body = body.isEmpty ? nil : body
        }
        if let timeout = fields.timeout {
            guard let ms = milliseconds(timeout), (1...3_600_000).contains(ms) else {
                throw APIError.invalid("timeout", "timeout must be a duration from 1ms to 1h (500ms, 30s, 5m)")
            }
            s.timeoutMs = Int(ms)
        }
        if let attempts = fields.attempts {
            guard let n = Int(attempts.trimmingCharacters(in: .whitespaces)), (1...100).contains(n) else {
                throw APIError.invalid("attempts", "attempts must be a whole number from 1 to 100")
            }
            s.attempts = n
        }
        if let backoff = fields.backoff {
            let parts = backoff.lowercased().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            let ok =
                switch (parts[0], parts.count) {
                case ("none", 1): true
                case ("fixed", 2): milliseconds(parts[1]).map { (0...86_400_000).contains($0) } ?? false
                case ("exponential", 1...3): parts.dropFirst().allSatisfy { milliseconds($0).map { (1...86_400_000).contains($0) } ?? false }
                default: false
                }
            guard ok else { throw APIError.invalid("backoff", "backoff must be exponential[:base[:cap]], fixed:<delay> or none") }
            s.backoff = backoff.lowercased()
        }
        if let missed = fields.missed {
            let parts = missed.lowercased().split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let ok =
                switch (parts[0], parts.count) {
                case ("skip", 1), ("run_once", 1), ("run_all", 1): true
                case ("run_all", 2): Int(parts[1]).map { (1...1_000).contains($0) } ?? false
                default: false
                }
            guard ok else { throw APIError.invalid("missed", "missed must be skip, run_once or run_all[:cap] (cap 1-1000)") }
            s.missed = missed.lowercased()
        }
        if let overlap = fields.overlap {
            guard ["allow", "skip", "queue_one"].contains(overlap.lowercased()) else {
                throw APIError.invalid("overlap", "overlap must be allow, skip or queue_one")
            }
            s.overlap = overlap.lowercased()
        }
        if let pause = fields.pauseAfterFailures {
            let text = pause.trimmingCharacters(in: .whitespaces).lowercased()
            if text == "off" || text == "0" {
                s.pauseAfterFailures = nil
            } else {
                guard let n = Int(text), (1...1_000).contains(n) else {
                    throw APIError.invalid("pause_after_failures", "pause_after_failures must be off or a whole number from 1 to 1000")
                }
                s.pauseAfterFailures = n
            }
        }
        if let enabled = fields.enabled { s.enabled = enabled }
        return s
    }

    /// `500ms`, `30s`, `5m`, `1h`, `1d`; a bare number is seconds.
    static func milliseconds(_ text: String) -> Int64? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Int64)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000), ("d", 86_400_000)]
        for (suffix, factor) in units where t.hasSuffix(suffix) {
            let number = t.dropLast(suffix.count)
            if let n = Int64(number), n >= 0, n <= Int64.max / factor { return n * factor }
            if suffix == "m" || suffix == "s" { continue }
            return nil
        }
        if let n = Int64(t), n >= 0, n <= Int64.max / 1_000 { return n * 1_000 }
        return nil
    }
}
