import Engine

extension QueryParameters {
    /// The queue named by the `queue` parameter, nil when absent; a name that is not a queue name
    /// is refused naming `queue`.
    func queue() throws(APIError) -> String? {
        guard let name = self["queue"] else { return nil }
        if let problem = QueueName.problem(name) { throw APIError.invalid("queue", "queue \(problem)") }
        return name
    }
}
