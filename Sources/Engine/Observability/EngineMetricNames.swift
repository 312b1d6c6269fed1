/// The names of crontui's metrics: the one place they are spelled. Every name starts with
/// `crontui_`; counters end in `_total`, durations are histograms in seconds.
package enum EngineMetricNames {
    /// Gauge, labels `queue`, `state`: jobs per state (waiting, active, delayed, completed, failed).
    package static let queueJobs = "crontui_queue_jobs"
    /// Gauge, label `queue`: 1 while the queue is paused.
    package static let queuePaused = "crontui_queue_paused"
    /// Gauge, label `queue`: seconds the job next in line has waited (0 when none waits).
    package static let queueOldestWaiting = "crontui_queue_oldest_waiting_seconds"
    /// Counter, label `queue`: jobs this process completed.
    package static let jobsCompleted = "crontui_jobs_completed_total"
    /// Counter, label `queue`: jobs this process failed for good.
    package static let jobsFailed = "crontui_jobs_failed_total"
    /// Counter, label `queue`: failed attempts this process sent back for another attempt.
    package static let jobsRetried = "crontui_jobs_retried_total"
    /// Counter, labels `queue`, `class` (`timeout`, `http`, `connection`, `dns`, `tls`,
    /// `invalid_request`, `redirects`, `other`): failed attempts, by the class the executor gave them.
    package static let attemptFailures = "crontui_attempt_failures_total"
    /// Counter, label `queue`: attempts this process started.
    package static let attempts = "crontui_job_attempts_total"
    /// Histogram (seconds), labels `queue`, `outcome` (`completed`, `failed`, `retrying`): how long
    /// an attempt ran.
    package static let jobDuration = "crontui_job_duration_seconds"
    /// Counter, labels `queue`, `result` (`recovered`, `failed`): jobs whose lock expired.
    package static let stalledRecoveries = "crontui_stalled_recoveries_total"
    /// Histogram (seconds, buckets 1 ms to 10 s), labels `schedule`, `queue`: how late a fire was
    /// enqueued after its scheduled instant.
    package static let fireLag = "crontui_fire_lag_seconds"
    /// Counter, labels `schedule`, `queue`: slots not run because the scheduler was away
    /// (missed-fire policy `skip`).
    package static let firesMissed = "crontui_fires_missed_total"
    /// Counter, labels `schedule`, `queue`: slots not run because the previous run was unfinished
    /// (overlap policy `skip`).
    package static let firesSkipped = "crontui_fires_skipped_total"
    /// Counter, label `queue`: enqueued slots this process's ledger writer found enqueued by
    /// another scheduler instance too, so run twice (processes sharing a database with different
    /// `QUEUE_NAME`s). Always 0 in a sound deployment.
    package static let firesDoubled = "crontui_fires_doubled_total"
    /// Counter: times this process's scheduler became or stopped being the leader.
    package static let leaderChanges = "crontui_leader_changes_total"
    /// Gauge: 1 while this process's scheduler leads.
    package static let leader = "crontui_scheduler_leader"
    /// Counter, labels `schedule`, `queue`, `class` (`2xx`, `3xx`, `4xx`, `5xx`, `error`): responses
    /// of the targets, per schedule name: the job outcomes by class.
    package static let httpResponses = "crontui_http_responses_total"
    /// Gauge: execution records waiting in the Redis outbox for PostgreSQL.
    package static let outboxSize = "crontui_outbox_size"
    /// Gauge: fire ledger rows waiting in Redis for PostgreSQL.
    package static let fireOutboxSize = "crontui_fire_outbox_size"
    /// Counter: fire ledger rows dropped from the Redis buffer because it was full.
    package static let fireOutboxDropped = "crontui_fire_outbox_dropped_total"
    /// Gauge, label `dependency` (`redis`, `postgres`): 1 while it answers, 0 while it does not.
    package static let dependencyUp = "crontui_dependency_up"
    /// Counter: records dropped from the outbox because it was full
    /// (``ExecutionOutbox``).
    package static let outboxDropped = "crontui_outbox_dropped_total"
    /// Counter, labels `queue`, `state` (`completed`, `failed`): finished jobs retention removed
    /// from Redis.
    package static let queueJobsRemoved = "crontui_queue_jobs_removed_total"
    /// Counter, label `table` (`executions`, `fires`, `audit`): PostgreSQL rows history retention
    /// deleted.
    package static let retentionRowsDeleted = "crontui_retention_rows_deleted_total"
}
