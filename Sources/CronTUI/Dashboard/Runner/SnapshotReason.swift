/// Why the dashboard prints a snapshot instead of running the live screen.
enum SnapshotReason: Sendable, Hashable {
    /// `--once`.
    case asked
    /// Standard output is not a terminal (a pipe or a file): the usual way to ask for text.
    case outputIsNotATerminal
    /// Keys cannot be read.
    case inputIsNotATerminal
    /// `TERM=dumb` (or unset): a terminal without cursor movement.
    case dumbTerminal(String?)

    /// The reason for these circumstances, or nil when the live screen can run.
    init?(once: Bool, stdinIsTerminal: Bool, stdoutIsTerminal: Bool, term: String?) {
        if once {
            self = .asked
        } else if !stdoutIsTerminal {
            self = .outputIsNotATerminal
        } else if term == nil || term == "" || term == "dumb" {
            self = .dumbTerminal(term)
        } else if !stdinIsTerminal {
            self = .inputIsNotATerminal
        } else {
            return nil
        }
    }

    /// What to tell the operator after the snapshot; nil when they asked for it (or piped it).
    var message: String? {
        switch self {
        case .asked, .outputIsNotATerminal:
            return nil
        case .inputIsNotATerminal:
            return "standard input is not a terminal, so this is a snapshot, not the live dashboard (--once says so quietly)"
        case .dumbTerminal(let term):
            let name = term.map { $0.isEmpty ? "TERM is empty" : "TERM=\($0)" } ?? "TERM is not set"
            return "\(name): this terminal cannot draw the live dashboard, so this is a snapshot; "
                + "set TERM (for example TERM=xterm-256color) for the live screen, or pass --once to say you want a snapshot"
        }
    }
}
