/// What a schedule does when a slot comes due while the job of its previous fire has not finished
/// (waiting, delayed for a retry, or running).
public enum OverlapPolicy: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Enqueue it anyway (the default): runs may overlap.
    case allow
    /// Do not run it: the slot is recorded as `skipped`.
    case skip
    /// Hold it until the previous job finishes, then run it; while one is held, later slots are
    /// recorded as `skipped`.
    case queueOne = "queue_one"

    /// Parses `allow`, `skip` or `queue_one`.
    public init?(text: String) {
        self.init(rawValue: String(text.trimmingBlanks().lowercased()))
    }

    /// The stored and displayed form.
    public var description: String { rawValue }
}
