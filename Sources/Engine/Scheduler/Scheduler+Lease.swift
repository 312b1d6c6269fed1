/// The lease task: drives ``LeaderState`` with Redis calls and real (monotonic) time, and tells the
/// firing loop when this scheduler starts and stops leading.
extension Scheduler {
    func leaseLoop() async {
        var state = LeaderState(ttl: options.leaseTTL.milliseconds, mayLead: options.mayLead)
        let monotonic = ContinuousClock()
        let origin = monotonic.now
        func now() -> Int64 { (monotonic.now - origin).milliseconds }
        var quiet = LogThrottle(period: 30_000)
        var actions = state.start()
        while !actions.isEmpty {
            var next: [LeaderState.Action] = []
            for action in actions {
                switch action {
                case .acquire:
                    let sent = now()
                    do throws(QueueError) {
                        if let remaining = try await queue.acquireLeadership(options.instanceID, ttl: options.leaseTTL) {
                            next += state.heldByOther(remaining: remaining, now: now())
                        } else {
                            next += state.acquired(sentAt: sent)
                        }
                    } catch {
                        if quiet.allow("lease", now: now()).allowed {
                            logger.warning("cannot reach Redis for the leader lease: \(error)", metadata: ["event": "scheduler.lease_error"])
                        }
                        next += state.redisFailed(now: now())
                    }
                case .renew:
                    let sent = now()
                    do throws(QueueError) {
                        next +=
                            try await queue.renewLeadership(options.instanceID, ttl: options.leaseTTL)
                            ? state.renewed(sentAt: sent) : state.lost(now: now())
                    } catch {
                        if quiet.allow("lease", now: now()).allowed {
                            logger.warning("cannot renew the leader lease: \(error)", metadata: ["event": "scheduler.lease_error"])
                        }
                        next += state.redisFailed(now: now())
                    }
                case .release:
                    try? await queue.releaseLeadership(options.instanceID)
                case .lead:
                    logger.notice("leading: this scheduler fires", metadata: ["event": "scheduler.lead"])
                    inbox.post(.leadership(true))
                case .stepDown:
                    logger.notice("stepping down: this scheduler stops firing", metadata: ["event": "scheduler.step_down"])
                    inbox.post(.leadership(false))
                case .wait(let until):
                    do {
                        try await DedicatedThreadExecutor.sleep(for: .milliseconds(max(0, until - now())))
                        next += state.woke(now: now())
                    } catch {
                        next += state.stop()
                    }
                case .finish:
                    return
                }
            }
            actions = next
        }
        // A bystander never leads: wait to be cancelled.
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3_600)) }
    }
}
