import Testing

@testable import Engine

/// The leader lease's state machine: events in, actions out, no Redis.
@Suite struct LeaderStateTests {
    @Test func followerTakesTheLeaseAndRenewsEveryThirdOfTheTTL() {
        var s = LeaderState(ttl: 9_000, mayLead: true)
        #expect(s.start() == [.acquire])
        #expect(s.acquired(sentAt: 100) == [.lead, .wait(until: 3_100)])
        #expect(s.role == .leader(expires: 9_100))
        #expect(s.woke(now: 3_100) == [.renew])
        #expect(s.renewed(sentAt: 3_100) == [.wait(until: 6_100)])
        #expect(s.role == .leader(expires: 12_100))
    }

    @Test func standbyRetriesWhenTheHoldersLeaseWouldExpire() {
        var s = LeaderState(ttl: 9_000, mayLead: true)
        _ = s.start()
        #expect(s.heldByOther(remaining: 1_200, now: 500) == [.wait(until: 1_701)])
        #expect(s.woke(now: 1_701) == [.acquire])
        // Never more than a third of the TTL between tries.
        #expect(s.heldByOther(remaining: 8_000, now: 2_000) == [.wait(until: 5_000)])
        #expect(s.heldByOther(remaining: -2, now: 2_000) == [.wait(until: 5_000)])
    }

    @Test func leaderStepsDownWhenTheLeaseIsSomeoneElses() {
        var s = LeaderState(ttl: 9_000, mayLead: true)
        _ = s.start()
        _ = s.acquired(sentAt: 0)
        #expect(s.lost(now: 3_000) == [.stepDown, .wait(until: 6_000)])
        #expect(s.role == .follower)
        #expect(s.woke(now: 6_000) == [.acquire])
    }

    @Test func leaderKeepsLeadingThroughABriefRedisOutageButNotPastItsLease() {
        var s = LeaderState(ttl: 9_000, mayLead: true)
        _ = s.start()
        _ = s.acquired(sentAt: 0)  // expires at 9000, margin 1000
        #expect(s.redisFailed(now: 3_000) == [.wait(until: 3_750)])
        #expect(s.isLeader)
        #expect(s.redisFailed(now: 7_900) == [.wait(until: 8_000)])
        #expect(s.redisFailed(now: 8_000) == [.stepDown, .wait(until: 11_000)])
        #expect(!s.isLeader)
    }

    @Test func aSuspendedLeaderStepsDownOnWaking() {
        var s = LeaderState(ttl: 9_000, mayLead: true)
        _ = s.start()
        _ = s.acquired(sentAt: 0)
        #expect(s.woke(now: 20_000) == [.stepDown, .acquire])
        #expect(s.role == .follower)
    }

    @Test func bystanderNeverLeads() {
        var s = LeaderState(ttl: 9_000, mayLead: false)
        #expect(s.start() == [])
        #expect(s.acquired(sentAt: 0) == [])
        #expect(!s.isLeader)
        #expect(s.stop() == [.finish])
    }

    @Test func stoppingLeaderReleasesTheLease() {
        var s = LeaderState(ttl: 9_000, mayLead: true)
        _ = s.start()
        _ = s.acquired(sentAt: 0)
        #expect(s.stop() == [.stepDown, .release, .finish])
        // A lease taken after the stop is given back.
        var late = LeaderState(ttl: 9_000, mayLead: true)
        _ = late.start()
        _ = late.stop()
        #expect(late.acquired(sentAt: 0) == [.release])
    }
}
