/// The listening tasks: schedule changes from PostgreSQL, finished jobs from the queue's events.
extension Scheduler {
    /// `LISTEN`s for the trigger's notifications (on `DATABASE_LISTEN_URL` when set) and passes on
    /// the ids of changed schedules of our schema. After every (re)connect it asks for a full resync: notifications sent while nobody
    /// listened are lost.
    func listenLoop() async {
        var quiet = LogThrottle(period: 30_000)
        while !Task.isCancelled {
            var connection: PostgresConnection?
            do {
                let db = try await PostgresConnection.connect(to: store.pool.endpoint.listening)
                connection = db
                let schema = try await db.query("SELECT current_schema()")[0].decode(0, as: String.self)
                try await db.listen(StoreTables.scheduleChanges)
                inbox.post(.resync)
                statusBox.withLock { $0.listening = true }
                quiet.reset("listen")
                for try await notification in db.notifications() {
                    let parts = notification.payload.split(separator: " ")
                    guard parts.count == 3, parts[0] == schema, let id = Int64(parts[2]) else { continue }
                    inbox.post(.changed([id]))
                }
            } catch {
                if quiet.allow("listen", now: Self.monotonicMilliseconds()).allowed {
                    logger.warning("listening for schedule changes failed: \(error)", metadata: ["event": "scheduler.listen_error"])
                }
            }
            statusBox.withLock { $0.listening = false }
            await connection?.close()
            if !Task.isCancelled { try? await Task.sleep(for: .seconds(1)) }
        }
    }

    /// Reads the queue's events and passes on the jobs of schedules that finished for good, for the
    /// automatic pause and for `queue_one` slots held behind them.
    func finishedJobsLoop() async {
        var quiet = LogThrottle(period: 30_000)
        while !Task.isCancelled {
            do {
                for try await event in queue.events() where event.kind == .completed || event.kind == .failed {
                    guard let id = Self.scheduleID(ofJob: event.jobID) else { continue }
                    inbox.post(.finished(jobID: event.jobID, scheduleID: id, failed: event.kind == .failed))
                }
            } catch {
                if quiet.allow("events", now: Self.monotonicMilliseconds()).allowed {
                    logger.warning("reading the queue's events failed: \(error)", metadata: ["event": "scheduler.events_error"])
                }
            }
            if !Task.isCancelled { try? await Task.sleep(for: .seconds(1)) }
        }
    }

    /// Milliseconds on a monotonic clock, for spacing log lines.
    static func monotonicMilliseconds() -> Int64 {
        (ContinuousClock.now - monotonicOrigin).milliseconds
    }

    private static let monotonicOrigin = ContinuousClock.now

    /// The schedule of a job id made by the scheduler (`<id>:<ms>`) or by a manual run
    /// (`<id>:run:<random>`).
    static func scheduleID(ofJob jobID: String) -> Int64? {
        guard let colon = jobID.firstIndex(of: ":") else { return nil }
        return Int64(jobID[..<colon])
    }
}
