/// Every Redis key of one queue, built in this one place.
///
/// All keys share the hash tag `{name}`, so a queue lives in one Redis Cluster slot and its Lua scripts
/// may touch any of them. The scripts are given ``declared``; they build the keys named after data
/// (a job, a worker's inbox, a minute's counter) from its first key's prefix.
package struct QueueKeys: Sendable, Equatable {
    /// `crontui:{name}:`, the prefix of every key.
    package let prefix: String

    /// The keys of queue `name`.
    package init(queue name: String) {
        prefix = "crontui:{\(name)}:"
    }

    /// LIST of waiting job ids; new jobs are pushed on the left and taken from the right.
    package var wait: String { prefix + "wait" }
    /// ZSET of active job ids scored by lock expiry (epoch ms).
    package var active: String { prefix + "active" }
    /// ZSET of delayed job ids scored by due time (epoch ms).
    package var delayed: String { prefix + "delayed" }
    /// ZSET of completed job ids scored by finish time.
    package var completed: String { prefix + "completed" }
    /// ZSET of failed job ids scored by finish time.
    package var failed: String { prefix + "failed" }
    /// STREAM of lifecycle events, capped.
    package var events: String { prefix + "events" }
    /// LIST whose elements wake idle fetchers.
    package var marker: String { prefix + "marker" }
    /// ZSET of idle fetchers that take jobs handed straight to them, scored by the expiry of their
    /// offer (epoch ms); see ``inbox(_:)``.
    package var idle: String { prefix + "idle" }
    /// LIST through which an enqueue hands a job, already active, to the idle fetcher `worker`.
    package func inbox(_ worker: String) -> String { prefix + "inbox:" + worker }
    /// Present while the queue is paused.
    package var paused: String { prefix + "paused" }
    /// HASH of running totals: completed, failed, stalled.
    package var stats: String { prefix + "stats" }
    /// STRING counting one minute's completed (`kind` "c") or failed ("f") jobs, kept for an hour;
    /// `minute` counts minutes since 1970.
    package func throughput(_ kind: String, minute: Int64) -> String { prefix + "tput:\(kind):\(minute)" }
    /// LIST of execution records (JSON) waiting for PostgreSQL to come back; see ``ExecutionOutbox``.
    package var outbox: String { prefix + "outbox" }
    /// ZSET of live worker pools scored by the expiry of their heartbeat (epoch ms).
    package var workers: String { prefix + "workers" }
    /// HASH of each schedule's latest claimed slot (schedule id to epoch ms): a slot is fired only
    /// by the scheduler whose claim moves it forward (see ``JobQueue/claim(_:)``).
    package var fireClaims: String { prefix + "fires:claimed" }
    /// HASH of each schedule's slot held behind an unfinished run (overlap policy `queue_one`).
    package var fireHeld: String { prefix + "fires:held" }
    /// LIST of fire ledger rows (JSON) claimed in Redis and not yet written to PostgreSQL.
    package var fireOutbox: String { prefix + "fires:outbox" }
    /// HASH of the schedules the leader fires (schedule id to JSON), so that a scheduler taking the
    /// lead while PostgreSQL is away fires them still.
    package var scheduleSnapshot: String { prefix + "schedules" }
    /// STRING holding the id of the scheduler that holds the leader lease, with the lease's TTL.
    package var leader: String { prefix + "leader" }
    /// STRING numbering the jobs enqueued without an id.
    package var seq: String { prefix + "seq" }
    /// The keys every queue script is given as `KEYS`, in the order the scripts name them
    /// (`QueueScripts.declaredKeys`): the first is ``wait``, whose prefix the scripts take.
    var declared: [String] {
        [wait, active, delayed, completed, failed, events, marker, idle, paused, stats, seq, fireClaims, fireHeld, fireOutbox]
    }
    /// HASH of one job.
    package func job(_ id: String) -> String { prefix + "job:" + id }
}
