import Engine

/// What every symbol on screen means, for the `?` help: built from the same ``StatusText`` and
/// ``Glyphs`` that draw them, in the set on screen (Unicode or ASCII).
enum HelpLegend {
    /// `✓ succeeded`, `● live`... (ASCII: `OK succeeded`, `* live`...), one entry per symbol.
    static func entries(_ glyphs: Glyphs) -> [String] {
        let ascii = glyphs.ascii
        var entries: [(symbol: String, meaning: String)] = ExecutionStatus.allCases.map { status in
            (StatusText.short(status, ascii: ascii).text, meaning(of: status))
        }
        if !ascii {
            // Symbols of the event feed not already listed; each line there names its event too.
            let kinds: [(DashboardEvent.Kind, String)] = [
                (.queued, "queued"), (.started, "started"), (.scheduleFired, "fired"), (.operatorAction, "your action"),
                (.schedulePaused, "paused (a schedule, or the queue)"), (.scheduleResumed, "resumed"), (.workerJoined, "worker joined"),
                (.workerLost, "worker lost"), (.leaderChanged, "new leader"),
            ]
            for (kind, meaning) in kinds {
                let symbol = String(StatusText.event(kind, ascii: false).text.prefix { $0 != " " })
                if let index = entries.firstIndex(where: { $0.symbol == symbol }) {
                    entries[index].meaning += ", " + meaning
                } else {
                    entries.append((symbol, meaning))
                }
            }
        }
        entries += [
            (StatusText.health(.late, last: nil, ascii: ascii).text, "late (a slot passed with no attempt)"),
            (glyphs.live, "live"), (glyphs.stale, "stale (no new data)"), (glyphs.disconnected, "disconnected"),
            (glyphs.frozen, "frozen by you (Z)"), (String(glyphs.levels), "jobs done a minute"),
            (String(glyphs.ellipsis), "cut short"),
        ]
        if ascii { entries += [(glyphs.queuePaused, "queue paused"), ("?", "a character not shown")] }
        // One symbol may mean several things (✗: failed, and disconnected in the header).
        var merged: [(symbol: String, meaning: String)] = []
        for entry in entries {
            if let index = merged.firstIndex(where: { $0.symbol == entry.symbol }) {
                merged[index].meaning += "; " + entry.meaning
            } else {
                merged.append(entry)
            }
        }
        return merged.map { $0.symbol + " " + $0.meaning }
    }

    private static func meaning(of status: ExecutionStatus) -> String {
        switch status {
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .retrying: "failed, will retry"
        case .running: "running"
        case .timedOut: "timed out"
        }
    }

    /// `entries` flowed into lines of at most `width` columns, two spaces apart.
    static func lines(_ entries: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for entry in entries {
            if line.isEmpty {
                line = entry
            } else if TextWidth.of(line) + 2 + TextWidth.of(entry) <= width {
                line += "  " + entry
            } else {
                lines.append(line)
                line = entry
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
