/// Timeouts and reconnect policy of a ``RedisConnection``.
package struct RedisConnectionOptions: Sendable {
    /// How long one connect attempt may take.
    package var connectTimeout: Duration = .seconds(2)
    /// How long a reply may take (a blocking command adds its own server-side timeout to this).
    package var commandTimeout: Duration = .seconds(5)
    /// First pause between reconnect attempts; it doubles up to ``reconnectMaxDelay``.
    package var reconnectBaseDelay: Duration = .milliseconds(50)
    /// Longest pause between reconnect attempts.
    package var reconnectMaxDelay: Duration = .seconds(1)
    /// How long commands wait for the server to come back before they fail.
    package var reconnectWindow: Duration = .seconds(3)
    /// How long a cluster client keeps sending a command again while its slot has no master that
    /// answers (a failover under way), following redirects, before it fails with
    /// ``RedisError/Code/cluster``. A cluster fails a master over some `cluster-node-timeout` after
    /// it stops answering (15 s by default).
    package var failoverWindow: Duration = .seconds(20)
    /// Thread name, for debuggers and `top -H`.
    package var name: String = "redis"

    /// Defaults: 2 s to connect, 5 s per reply, reconnect for up to 3 s with backoff from 50 ms; on a
    /// cluster, retry for up to 20 s while a slot has no master.
    package init() {}
}
