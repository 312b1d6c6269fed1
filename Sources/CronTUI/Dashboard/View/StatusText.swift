import Engine

/// How a status reads on screen: always a symbol or word with the colour, never colour alone.
enum StatusText {
    /// `✓ 200`, `✗ 503`, `⏱ timeout`, `↻ retry 2/5`, `▶ running` (ASCII: `OK 200`...).
    static func long(
        _ status: ExecutionStatus, http: Int?, attempt: Int? = nil, of maxAttempts: Int? = nil, ascii: Bool
    ) -> Span {
        let code = http.map { " \($0)" } ?? ""
        switch status {
        case .succeeded: return Span((ascii ? "OK" : "✓") + code, .ok)
        case .failed: return Span((ascii ? "FAIL" : "✗") + (http == nil ? " error" : code), .failed)
        case .timedOut: return Span(ascii ? "TIMEOUT" : "⏱ timeout", .failed)
        case .retrying:
            let attempts = attempt.map { a in " \(a)/\(maxAttempts ?? a)" } ?? ""
            return Span((ascii ? "RETRY" : "↻ retry") + attempts, .retrying)
        case .running: return Span(ascii ? "RUNNING" : "▶ running", .running)
        }
    }

    /// One symbol (ASCII: a short word) for narrow columns.
    static func short(_ status: ExecutionStatus, ascii: Bool) -> Span {
        switch status {
        case .succeeded: Span(ascii ? "OK" : "✓", .ok)
        case .failed: Span(ascii ? "FAIL" : "✗", .failed)
        case .timedOut: Span(ascii ? "TIME" : "⏱", .failed)
        case .retrying: Span(ascii ? "RTRY" : "↻", .retrying)
        case .running: Span(ascii ? "RUN" : "▶", .running)
        }
    }

    /// A schedule's ST cell: `◷` (ASCII `LATE`) for a late one, otherwise its latest attempt's
    /// symbol (blank before the first).
    static func health(_ health: ScheduleHealth, last: ExecutionStatus?, ascii: Bool) -> Span {
        if health == .late { return Span(ascii ? "LATE" : "◷", .warning) }
        return last.map { short($0, ascii: ascii) } ?? Span("", .dim)
    }

    /// The event feed's label for `kind`: `✓ done`, `▶ start`...
    static func event(_ kind: DashboardEvent.Kind, ascii: Bool) -> Span {
        let (symbol, word, role): (String, String, StyleRole) =
            switch kind {
            case .queued: ("·", "queued", .dim)
            case .started: ("▶", "start", .running)
            case .succeeded: ("✓", "done", .ok)
            case .failed: ("✗", "failed", .failed)
            case .retrying: ("↻", "retry", .retrying)
            case .timedOut: ("⏱", "timeout", .failed)
            case .scheduleFired: ("»", "fired", .normal)
            case .schedulePaused: ("⏸", "paused", .warning)
            case .scheduleResumed: ("▶", "resumed", .normal)
            case .queuePaused: ("⏸", "queue off", .warning)
            case .queueResumed: ("▶", "queue on", .normal)
            case .workerJoined: ("+", "worker", .normal)
            case .workerLost: ("-", "worker", .warning)
            case .leaderChanged: ("★", "leader", .normal)
            case .operatorAction: ("»", "you", .accent)
            }
        return Span(ascii ? word : symbol + " " + word, role)
    }
}
