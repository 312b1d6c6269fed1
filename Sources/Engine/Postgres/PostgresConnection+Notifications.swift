/// `LISTEN` / `NOTIFY`.
extension PostgresConnection {
    /// How long one wait for a notification blocks the connection's thread before the actor lets
    /// other calls (``close()``, cancellation checks) in.
    private static let pollSlice: Duration = .milliseconds(100)

    /// Starts listening on `channel` (case-sensitive; any text). Use a connection of its own for
    /// listening, and read with ``notifications()`` or ``nextNotification(timeout:)``. After a
    /// reconnect the connection listens again on every channel.
    package func listen(_ channel: String) throws(PostgresError) {
        let raw = try ready()
        try raw.execute("LISTEN " + raw.quoteIdentifier(channel), [])
        channels.insert(channel)
    }

    /// Stops listening on `channel`.
    package func unlisten(_ channel: String) throws(PostgresError) {
        let raw = try ready()
        try raw.execute("UNLISTEN " + raw.quoteIdentifier(channel), [])
        channels.remove(channel)
    }

    /// Sends `payload` to the listeners of `channel` (`pg_notify`; delivered at commit when inside
    /// a transaction).
    package func notify(_ channel: String, payload: String = "") throws(PostgresError) {
        try query("SELECT pg_notify($1, $2)", [channel, payload])
    }

    /// The next notification on a channel this connection listens on, waiting up to `timeout`
    /// (forever if nil). Nil when the time is up or the task is cancelled.
    ///
    /// The wait polls the connection's socket on its own thread in slices of 100 ms, so it never
    /// holds the cooperative pool and ends promptly on cancellation or ``close()``. Throws
    /// ``PostgresError/Code/connectionLost`` if the connection dies (notifications sent meanwhile
    /// are lost); the next call reconnects and listens again.
    package func nextNotification(timeout: Duration? = nil) async throws(PostgresError)
        -> PostgresNotification?
    {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        while true {
            let raw = try readyToListen()
            if let notification = raw.takeNotification() { return notification }
            var slice = Self.pollSlice
            if let deadline {
                let left = deadline - clock.now
                if left <= .zero { return nil }
                slice = min(slice, left)
            }
            let (seconds, attoseconds) = slice.components
            do {
                try raw.awaitInput(
                    milliseconds: Int32(seconds * 1000 + attoseconds / 1_000_000_000_000_000))
            } catch {
                if error.code == .connectionLost { listenerLossReported = true }
                throw error
            }
            if let notification = raw.takeNotification() { return notification }
            if Task.isCancelled { return nil }
            await Task.yield()
        }
    }

    /// The live connection for a wait. A connection found dead is reported once as
    /// ``PostgresError/Code/connectionLost`` (the listener must learn that notifications were lost)
    /// and reconnected on the next call.
    private func readyToListen() throws(PostgresError) -> LibPQConnection {
        if listenerLossReported {
            listenerLossReported = false
            return try ready()
        }
        guard let raw = try? current(), !raw.checkIdle(), !channels.isEmpty else { return try ready() }
        listenerLossReported = true
        throw PostgresError(
            code: .connectionLost, message: "the listening connection was lost; notifications may be lost"
        )
    }

    /// The notifications on the channels this connection listens on, as an async sequence. It ends
    /// when the iterating task is cancelled or the connection is closed, and throws if the
    /// connection dies.
    package nonisolated func notifications() -> PostgresNotificationSequence {
        PostgresNotificationSequence(connection: self)
    }
}
