/// Why the dashboard could not take over the terminal.
struct TerminalOpenError: Error, CustomStringConvertible {
    /// The `TERM` value in use, if any.
    var term: String?

    var description: String {
        let name = term.map { "\"\($0)\"" } ?? "(TERM is not set)"
        return "this machine has no terminfo entry for \(name), so this is a plain snapshot. "
            + "Install it (infocmp -x \(term ?? "$TERM") | ssh host tic -x -) or run with TERM=xterm-256color."
    }
}
