/// The leader lease as a pure state machine: each event returns the actions to take, and the
/// owner does the Redis calls and the waiting. Times are milliseconds of a monotonic clock.
///
/// A follower tries to take the lease (`SET NX PX`); while another holds it, it waits until the
/// lease would expire (as Redis reports it), so a standby takes over as soon as a dead leader's
/// lease runs out. A leader renews every third of the TTL with a compare-and-extend. It steps
/// down when Redis says the lease is someone else's, and also when it could not renew in time:
/// its lease may have expired, and a scheduler that cannot prove it leads stops firing. (The fire
/// ledger keeps fires exactly-once even when two believe they lead; stepping down keeps it rare.)
struct LeaderState: Equatable {
    /// What the owner does next.
    enum Action: Equatable {
        /// Try to take the lease, then report ``LeaderState/acquired(sentAt:)`` or
        /// ``LeaderState/heldByOther(remaining:now:)`` (or ``LeaderState/redisFailed(now:)``).
        case acquire
        /// Extend the lease, then report ``LeaderState/renewed(sentAt:)`` or ``LeaderState/lost(now:)``.
        case renew
        /// Give the lease up (best effort).
        case release
        /// Start firing: this scheduler leads.
        case lead
        /// Stop firing at once.
        case stepDown
        /// Wait until this time (or until stopped), then report ``LeaderState/woke(now:)``.
        case wait(until: Int64)
        /// Nothing more: the owner's loop ends.
        case finish
    }

    enum Role: Equatable {
        /// Never leads (`SCHEDULER_LEADER=false`).
        case bystander
        /// Waiting to take the lease.
        case follower
        /// Holds the lease until `expires` at the latest.
        case leader(expires: Int64)
        /// Stopped.
        case stopped
    }

    /// The lease's time to live, milliseconds.
    let ttl: Int64
    private(set) var role: Role
    /// What the owner is waiting to do when it wakes.
    private var pending: Action = .acquire

    /// A lease state for a scheduler that may lead (or, with `mayLead` false, never will).
    init(ttl: Int64, mayLead: Bool) {
        self.ttl = max(ttl, 30)
        role = mayLead ? .follower : .bystander
    }

    /// Renewals come this often.
    var renewInterval: Int64 { ttl / 3 }
    /// A leader that has not renewed by `expires - margin` steps down.
    var margin: Int64 { min(ttl / 5, 1_000) }

    var isLeader: Bool {
        if case .leader = role { return true }
        return false
    }

    /// The first actions.
    mutating func start() -> [Action] {
        role == .follower ? [.acquire] : []
    }

    /// The lease was taken; `sentAt` is when the request left, so the lease is counted from then.
    mutating func acquired(sentAt: Int64) -> [Action] {
        guard role == .follower else { return role == .stopped ? [.release] : [] }
        role = .leader(expires: sentAt + ttl)
        pending = .renew
        return [.lead, .wait(until: sentAt + renewInterval)]
    }

    /// Another scheduler holds the lease for `remaining` more milliseconds (negative: no expiry
    /// known). Try again when it would expire, and at least every third of the TTL.
    mutating func heldByOther(remaining: Int64, now: Int64) -> [Action] {
        guard role == .follower else { return [] }
        pending = .acquire
        let delay = remaining >= 0 ? min(remaining + 1, renewInterval) : renewInterval
        return [.wait(until: now + max(delay, 1))]
    }

    /// The lease was extended.
    mutating func renewed(sentAt: Int64) -> [Action] {
        guard case .leader = role else { return [] }
        role = .leader(expires: sentAt + ttl)
        pending = .renew
        return [.wait(until: sentAt + renewInterval)]
    }

    /// The lease is someone else's (or gone): step down and try to take it again later.
    mutating func lost(now: Int64) -> [Action] {
        guard case .leader = role else { return [] }
        role = .follower
        pending = .acquire
        return [.stepDown, .wait(until: now + renewInterval)]
    }

    /// Redis did not answer. A leader keeps leading while its lease surely holds, retrying soon;
    /// past that it steps down. A follower retries later.
    mutating func redisFailed(now: Int64) -> [Action] {
        switch role {
        case .leader(let expires):
            if now >= expires - margin {
                role = .follower
                pending = .acquire
                return [.stepDown, .wait(until: now + renewInterval)]
            }
            pending = .renew
            return [.wait(until: min(now + max(renewInterval / 4, 1), expires - margin))]
        case .follower:
            pending = .acquire
            return [.wait(until: now + renewInterval)]
        case .bystander, .stopped:
            return []
        }
    }

    /// A wait ended: do what was pending. A leader whose lease may have run out meanwhile (the
    /// process was suspended) steps down first.
    mutating func woke(now: Int64) -> [Action] {
        switch role {
        case .leader(let expires) where now >= expires - margin:
            role = .follower
            pending = .acquire
            return [.stepDown, .acquire]
        case .leader, .follower:
            return [pending]
        case .bystander, .stopped:
            return []
        }
    }

    /// The scheduler stops: a leader steps down and releases the lease.
    mutating func stop() -> [Action] {
        let wasLeader = isLeader
        role = .stopped
        return wasLeader ? [.stepDown, .release, .finish] : [.finish]
    }
}
