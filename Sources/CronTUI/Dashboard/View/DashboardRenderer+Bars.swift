import Engine
import Foundation

extension DashboardRenderer {
    /// Product, the state line, queue, workers, leader, target, and the UTC clock. The state line
    /// (``StateLine``) is dropped last; the queue being paused is said in its own words.
    mutating func drawHeader() {
        let rect = layout.header
        let clock = TimeText.clock(state.now) + " UTC "
        let clockWidth = clock.count
        screen.put(clock, x: rect.width - clockWidth, y: rect.y, role: .normal)
        // In reading order: title, state, its details, then the queue's facts; dropped by priority.
        let line = StateLine(state).spans(state, glyphs: glyphs)
        var segments: [(priority: Int, spans: [Span])] = [(100, [Span(" " + state.options.title, .strong)]), (99, [line.core])]
        // A long detail (an error message) is cut to what the title and state leave, at most half
        // the line, rather than dropped whole.
        let width = rect.width - clockWidth - 1
        let cap = max(10, min(width / 2, width - segments.reduce(0) { $0 + $1.spans[0].width + 3 }))
        for detail in line.detail { segments.append((detail.priority, [Self.cut(detail.span, to: cap, ellipsis: glyphs.ellipsis)])) }
        if let snapshot = state.snapshot {
            segments.append((90, Self.queueSpans(state)))
            if state.followedSnapshot?.queuePaused == true { segments.append((98, [Span(glyphs.queuePaused + " queue paused", .warning)])) }
            let workersRole: StyleRole =
                snapshot.workersAlive == 0 && snapshot.workersTotal > 0
                ? .error : snapshot.workersAlive < snapshot.workersTotal ? .warning : .normal
            segments.append((80, [Span("workers \(snapshot.workersAlive)/\(snapshot.workersTotal)", workersRole)]))
            segments.append((40, [snapshot.leader.map { Span("leader " + $0) } ?? Span("no leader", .warning)]))
            segments.append((30, [Span(snapshot.target, .dim)]))
        }
        screen.put(fit(segments, separator: Span(glyphs.separator, .border), width: width), x: rect.x, y: rect.y, limit: width)
    }

    /// `queue NAME`, and `(i/n)` after it when there is more than one queue in sight (`Q` cycles).
    static func queueSpans(_ state: DashboardState) -> [Span] {
        let name = state.followedQueue ?? ""
        var spans = [Span("queue "), Span(name, .strong)]
        let names = state.queuesInSight
        if names.count > 1, let index = names.firstIndex(of: name) {
            spans.append(Span(" (\(index + 1)/\(names.count))", .dim))
        }
        return spans
    }

    /// `span` in at most `columns` columns, ending in `ellipsis` when cut.
    static func cut(_ span: Span, to columns: Int, ellipsis: Character) -> Span {
        guard span.width > columns else { return span }
        var text = ""
        var width = 0
        for character in Sanitizer.line(span.text) {
            let w = TextWidth.of(character)
            if width + w > columns - 1 { break }
            text.append(character)
            width += w
        }
        return Span(text + String(ellipsis), span.role)
    }

    /// Waiting, active, delayed, completed, failed, failure rate, throughput with a sparkline, oldest wait.
    mutating func drawStats() {
        let rect = layout.stats
        guard let snapshot = state.followedSnapshot else {
            let text = state.snapshot == nil ? "waiting for the first snapshot" : "loading queue " + (state.followedQueue ?? "")
            screen.put(" " + text + String(glyphs.ellipsis), x: 0, y: rect.y, limit: rect.width, role: .dim)
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
        // The last whole minute (jobs done and failed), as `crontui stats` and the API report it;
        // the sparkline ends with the minute under way.
        let perMinute = stats.lastMinuteThroughput
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
