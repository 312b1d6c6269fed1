/// What the one who ran an attempt knows about it beyond "it worked" or "it failed": the HTTP
/// status and how long it took. The queue writes it into the attempt's `completed`, `failed` or
/// `retrying` event, so a reader of the event stream sees the outcome as it was decided.
package struct AttemptReport: Sendable, Equatable {
    /// The HTTP status the target answered with; nil when none arrived (or the job is not HTTP).
    package var httpStatus: Int?
    /// How long the attempt took; nil when unknown.
    package var duration: Duration?

    /// The report with `duration` filled in when it was not known.
    func measured(_ duration: Duration) -> AttemptReport {
        var report = self
        if report.duration == nil { report.duration = duration }
        return report
    }

    /// The status and duration as the scripts take them: decimal text, empty when absent.
    var arguments: [String] {
        [httpStatus.map(String.init) ?? "", duration.map { String(max(0, $0.milliseconds)) } ?? ""]
    }
}
