/// A notification delivered to a connection that `LISTEN`s on its channel.
package struct PostgresNotification: Hashable, Sendable {
    /// The channel it was sent on.
    package var channel: String
    /// The payload given to `NOTIFY` / `pg_notify` (empty if none).
    package var payload: String
    /// The process id of the server backend that sent it.
    package var backendPID: Int32

    /// A notification on `channel` carrying `payload` from backend `backendPID`.
    package init(channel: String, payload: String, backendPID: Int32) {
        self.channel = channel
        self.payload = payload
        self.backendPID = backendPID
    }
}
