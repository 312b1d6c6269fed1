import Engine
import Foundation

extension DashboardRenderer {
    /// Product, queue, target, workers, leader, live state, data age, and the UTC clock.
    mutating func drawHeader() {
        let rect = layout.header
        let clock = TimeText.clock(state.now) + " UTC "
        let clockWidth = clock.count
        screen.put(clock, x: rect.width - clockWidth, y: rect.y, role: .normal)
        var segments: [(priority: Int, spans: [Span])] = [(100, [Span(" " + state.options.title, .strong)])]
        if let snapshot = state.snapshot {
            segments.append((90, [Span("queue "), Span(snapshot.queueName, .strong)]))
            segments.append((40, [Span(snapshot.target, .dim)]))
            let workersRole: StyleRole =
                snapshot.workersAlive == 0 && snapshot.workersTotal > 0
                ? .error : snapshot.workersAlive < snapshot.workersTotal ? .warning : .normal
            segments.append((80, [Span("workers \(snapshot.workersAlive)/\(snapshot.workersTotal)", workersRole)]))
            segments.append((50, [snapshot.leader.map { Span("leader " + $0) } ?? Span("no leader", .warning)]))
            if snapshot.queuePaused { segments.append((97, [Span("queue paused", .warning)])) }
        }
        segments.append((95, [liveSpan]))
        segments.append((96, [ageSpan]))
        let spans = fit(segments, separator: Span(glyphs.separator, .border), width: rect.width - clockWidth - 1)
        screen.put(spans, x: rect.x, y: rect.y, limit: rect.width - clockWidth - 1)
    }

    private var liveSpan: Span {
        if state.frozen { return Span(glyphs.paused + " PAUSED", .warning) }
        return Span(glyphs.live + " live " + DurationText.interval(state.refreshInterval), .ok)
    }

    private var ageSpan: Span {
        let age = state.updatedAt.map { "updated " + DurationText.coarse(seconds: ageSeconds($0)) + " ago" }
        if case .failed = state.connection {
            return Span("disconnected, retrying" + (age.map { " · " + $0 } ?? ""), .error)
        }
        guard let updatedAt = state.updatedAt, let age else { return Span("connecting" + String(glyphs.ellipsis), .dim) }
        let interval = Double(DurationText.milliseconds(state.refreshInterval)) / 1000
        let stale = state.now.timeIntervalSince(updatedAt) > 3 * max(1, interval)
        return Span(age, stale ? .warning : .dim)
    }

    private func ageSeconds(_ date: Date) -> Int64 {
        max(0, Int64(state.now.timeIntervalSince(date).rounded(.down)))
    }

    /// Waiting, active, delayed, completed, failed, failure rate, throughput with a sparkline, oldest wait.
    mutating func drawStats() {
        let rect = layout.stats
        guard let snapshot = state.snapshot else {
            screen.put(" waiting for the first snapshot" + String(glyphs.ellipsis), x: 0, y: rect.y, role: .dim)
            return
        }
        let stats = snapshot.stats
        func count(_ label: String, _ n: Int, _ role: StyleRole = .strong) -> [Span] {
            [Span(label + " ", .dim), Span(CountText.short(n), role)]
        }
        // Jobs (not attempts) since the queue was created: retention does not lower them.
        var totals = count("JOBS OK", stats.completedTotal) + [Span(" ")]
        totals += count("FAILED", stats.failedTotal, stats.failedTotal > 0 ? .failed : .strong)
        if let rate = stats.failureRate { totals.append(Span(String(format: " (%.1f%%)", rate * 100), .dim)) }
        totals.append(Span(" since queue start", .dim))
        let sparkWidth = rect.width >= 160 ? 20 : 10
        let perMinute = stats.completedPerMinute.last ?? 0
        let thru = [
            Span("THRU ", .dim), Span("\(perMinute)", .strong), Span("/min ", .dim),
            Span(Sparkline.render(stats.completedPerMinute, width: sparkWidth, levels: glyphs.levels), .accent),
        ]
        var segments: [(priority: Int, spans: [Span])] = [
            (100, [Span(" ")] + count("WAIT", stats.waiting)),
            (97, count("ACTIVE", stats.active)),
            (80, count("DELAYED", stats.delayed)),
            (98, totals),
            (70, thru),
        ]
        if let wait = stats.oldestWaiting {
            segments.append((60, [Span("oldest wait ", .dim), Span(DurationText.coarse(seconds: DurationText.milliseconds(wait) / 1000), .strong)]))
        }
        screen.put(fit(segments, separator: Span("  "), width: rect.width), x: 0, y: rect.y, limit: rect.width)
    }

    /// The view tabs, and the active filters on the right.
    mutating func drawTabs() {
        let rect = layout.tabs
        var x = 1
        for view in DashboardView.allCases {
            let active = view == state.view
            let label = active ? "[\(view.rawValue) \(view.title)]" : " \(view.rawValue) \(view.title) "
            x += screen.put(label, x: x, y: rect.y, role: active ? .activeTab : .tab) + 1
        }
        var right: [Span] = []
        if let scope = state.history.scope, state.view == .history {
            right += [Span("schedule: ", .dim), Span(scope.name, .warning), Span("   ")]
        }
        right += [Span("filter: ", .dim), state.filter.isEmpty ? Span("none") : Span(state.filter, .warning)]
        right += [Span("   status: ", .dim), Span(state.status.label.lowercased(), state.status == .all ? .normal : .warning)]
        let width = right.reduce(0) { $0 + $1.width }
        let room = rect.width - x - 1
        if width <= room { screen.put(right, x: rect.width - width - 1, y: rect.y, limit: width) }
    }
}
