/// The rule every queue name follows, wherever it is given (`QUEUE_NAME`, `--queue`, `QUEUES`,
/// `--queues`, a schedule's `queue`): 1-64 characters of `A-Z a-z 0-9 . _ -`, so that it fits a
/// Redis hash tag and a metric label as written.
package enum QueueName {
    /// The queue a process works when `QUEUE_NAME` is not set.
    package static let standard = "default"

    /// Why `text` is not a queue name; nil when it is one.
    package static func problem(_ text: String) -> String? {
        let allowed = text.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
        }
        guard !text.isEmpty, text.utf8.count <= 64, allowed else {
            return "\(ErrorText.quote(text)) must be 1-64 characters of A-Z a-z 0-9 . _ -"
        }
        return nil
    }
}
