/// The notifications a listening ``PostgresConnection`` receives, in order.
///
/// Ends (yields nil) when the iterating task is cancelled or the connection is closed; throws
/// ``PostgresError/Code/connectionLost`` when the connection dies, after which a new iteration
/// reconnects and listens again.
package struct PostgresNotificationSequence: AsyncSequence, Sendable {
    /// Each element is one notification.
    package typealias Element = PostgresNotification
    /// Iteration fails only with ``PostgresError``.
    package typealias Failure = PostgresError

    let connection: PostgresConnection

    /// Reads notifications from the connection.
    package struct AsyncIterator: AsyncIteratorProtocol {
        let connection: PostgresConnection

        /// The next notification; nil at the end.
        package mutating func next() async throws(PostgresError) -> PostgresNotification? {
            try await Self.next(from: connection)
        }

        /// The next notification; nil at the end.
        package mutating func next(isolation actor: isolated (any Actor)?) async throws(PostgresError)
            -> PostgresNotification?
        {
            try await Self.next(from: connection)
        }

        private static func next(from connection: PostgresConnection) async throws(PostgresError)
            -> PostgresNotification?
        {
            while !Task.isCancelled {
                do {
                    if let notification = try await connection.nextNotification() { return notification }
                } catch  where error.code == .closed {
                    return nil
                }
            }
            return nil
        }
    }

    /// An iterator over the connection's notifications.
    package func makeAsyncIterator() -> AsyncIterator { AsyncIterator(connection: connection) }
}
