/// How a ``Scheduler`` runs.
package struct SchedulerOptions: Sendable {
    /// False: ``Scheduler/run()`` does nothing until stopped (`SCHEDULER_ENABLED=false`).
    package var enabled = true
    /// False: this scheduler never takes the lease, so it never fires (`SCHEDULER_LEADER=false`).
    package var mayLead = true
    /// This scheduler's name in the lease and the fire ledger: `host:pid:random` by default.
    package var instanceID = SchedulerOptions.defaultInstanceID()
    /// How long the leader lease lasts without renewal (default 10 s): a standby takes over at most
    /// this long after a leader vanished.
    package var leaseTTL: Duration = .seconds(10)
    /// A slot later than this when its turn comes was missed: its schedule's missed-fire policy
    /// decides whether it runs (default 2 s).
    package var misfireThreshold: Duration = .seconds(2)
    /// Slots further back are neither run nor recorded when a scheduler catches up, and slots that
    /// Redis did not take for this long are given up (default 1 h).
    package var catchUpWindow: Duration = .seconds(3_600)
    /// Slots are planned this long before they are due, so that at the instant only the claim
    /// remains (default 250 ms). A change to a schedule reaches slots further ahead.
    package var prepareAhead: Duration = .milliseconds(250)
    /// A second fire of a schedule this soon after the previous one is refused and recorded as
    /// skipped (`DEDUPE_WINDOW`; default 0, off).
    package var dedupeWindow: Duration = .zero
    /// How often every schedule is compared with PostgreSQL, in case a change notification was lost
    /// (default 60 s).
    package var resyncInterval: Duration = .seconds(60)
    /// At most this many of one schedule's missed slots are recorded when it catches up (the latest).
    package var maxMissedSlots = 10_000
    /// Schedules read per query when loading.
    package var loadPageSize = 5_000
    /// Fire ledger rows kept in Redis at most while PostgreSQL is away (`FIRE_OUTBOX_MAX_ROWS`,
    /// default 1,000,000); past it the oldest are dropped, with an error line.
    package var fireOutboxMaxRows = 1_000_000
    /// The schedules it fires; nil: every schedule (a process gives each queue's scheduler the
    /// scope of its queue).
    package var scope: ScheduleScope?
    /// Where fire lag, missed and skipped fires and leadership changes are reported.
    package var metrics = EngineMetrics()

    /// The defaults.
    package init() {}

    /// The defaults with `SCHEDULER_ENABLED`, `SCHEDULER_LEADER` and `DEDUPE_WINDOW` from
    /// `configuration`.
    package init(configuration: EngineConfiguration) {
        enabled = configuration.schedulerEnabled
        mayLead = configuration.schedulerLeader
        dedupeWindow = configuration.dedupeWindow
        fireOutboxMaxRows = configuration.fireOutboxMaxRows
    }

    /// `host:pid:xxxx`.
    package static func defaultInstanceID() -> String {
        InstanceID.make()
    }
}
