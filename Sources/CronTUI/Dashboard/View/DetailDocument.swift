import Engine
import Foundation

/// The detail view's text: summary, request, response, error; wrapped to the width or not.
enum DetailDocument {
    /// Width of the label gutter in the summary.
    static let labelWidth = 13

    /// The lines to show for `state` at `width` columns.
    static func lines(for state: DetailState, width: Int, ascii: Bool, now: Date) -> [[Span]] {
        let logical = logicalLines(for: state, ascii: ascii, now: now)
        guard state.wrap else { return logical }
        return logical.flatMap { wrap($0, width: width) }
    }

    private static func logicalLines(for state: DetailState, ascii: Bool, now: Date) -> [[Span]] {
        guard let detail = state.detail else {
            if let error = state.error { return [[Span(error, .error)]] }
            return [[Span("loading execution #\(state.id)" + (ascii ? "..." : "…"), .dim)]]
        }
        var lines: [[Span]] = []
        let r = detail.record
        lines.append([Span("Summary", .title)])
        func row(_ label: String, _ value: Span) {
            lines.append([Span("  " + label.padding(toLength: labelWidth - 2, withPad: " ", startingAt: 0), .dim), value])
        }
        row("Name", Span(r.name, .strong))
        // Plain text on a line of its own: what `crontui job retry` takes, to copy as it is.
        row("Job ID", Span(r.jobID))
        row("Execution", Span((r.id.map { "#\($0)" } ?? "-") + (r.rerunOf.map { " (rerun of job \($0))" } ?? "")))
        if let cron = detail.cron { row("Schedule", Span(cron)) }
        // Attempts recorded before queues were name none.
        if let queue = r.queue { row("Queue", Span(queue)) }
        row("Trigger", Span(r.trigger.rawValue))
        row("Attempt", Span("\(r.attempt)/\(r.maxAttempts)"))
        row("Status", StatusText.long(r.status, http: r.httpStatus, attempt: r.attempt, of: r.maxAttempts, ascii: ascii))
        row("Started", Span(TimeText.full(r.startedDate) + " (" + DurationText.relative(r.startedDate, now: now) + ")"))
        if let finished = r.finishedDate {
            row("Finished", Span(TimeText.full(finished) + " (" + DurationText.relative(finished, now: now) + ")"))
        }
        if let duration = r.duration { row("Duration", Span(DurationText.short(duration))) }
        if !r.traceID.isEmpty { row("Trace", Span(r.traceID)) }
        lines += section("Request", HTTPRecord(request: detail), url: true)
        if let response = HTTPRecord(response: r) { lines += section("Response", response, url: false) }
        if let error = r.error {
            lines.append([])
            lines.append([Span("Error", .title)])
            lines += Sanitizer.lines(error).map { [Span("  " + $0, .failed)] }
        }
        return lines
    }

    private static func section(_ title: String, _ record: HTTPRecord, url: Bool) -> [[Span]] {
        var lines: [[Span]] = [[], [Span(title, .title)]]
        lines.append([Span("  " + (url ? SecretMask.url(record.startLine) : record.startLine), .strong)])
        for header in record.headers {
            lines.append([Span("  " + header.name + ": ", .dim), Span(SecretMask.header(header))])
        }
        lines.append([])
        lines += BodyText.lines(record).map { [Span("  " + $0.text, $0.role)] }
        return lines
    }

    /// Splits one line into lines of at most `width` columns; continuations keep the indent.
    private static func wrap(_ line: [Span], width: Int) -> [[Span]] {
        let total = line.reduce(0) { $0 + $1.width }
        guard total > width, width > labelWidth + 4 else { return [line] }
        var result: [[Span]] = []
        var current: [Span] = []
        var used = 0
        for span in line {
            var text = Substring(Sanitizer.line(span.text))
            while !text.isEmpty {
                let room = width - used
                var taken = 0
                var end = text.startIndex
                while end < text.endIndex {
                    let w = TextWidth.of(text[end])
                    if taken + w > room { break }
                    taken += w
                    end = text.index(after: end)
                }
                if end == text.startIndex && used == 0 { end = text.index(after: end) }
                if end > text.startIndex {
                    current.append(Span(String(text[..<end]), span.role))
                    used += taken
                    text = text[end...]
                }
                if !text.isEmpty {
                    result.append(current)
                    current = [Span(String(repeating: " ", count: 4))]
                    used = 4
                }
            }
        }
        result.append(current)
        return result
    }
}
