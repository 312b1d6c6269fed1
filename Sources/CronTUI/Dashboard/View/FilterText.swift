import Engine

/// The filters a pane applies, for its title: exactly what is applied, nothing when none is.
enum FilterText {
    /// ` filter: a|b` and ` status: problems (failed, timed out)`, as set.
    static func spans(filter: NameFilter, status: StatusFilter) -> [Span] {
        var spans: [Span] = []
        if !filter.isEmpty { spans.append(Span(" filter: " + filter.description, .warning)) }
        if status != .all { spans.append(Span(" status: " + status.title, .warning)) }
        return spans
    }
}
