extension RedisEndpoint {
    /// A client of this server, or of this cluster for a `redis+cluster://` URL, with `poolSize`
    /// connections (to each master, on a cluster).
    package func makeClient(poolSize: Int = 2, options: RedisConnectionOptions = RedisConnectionOptions()) -> any RedisClientProtocol {
        isCluster
            ? RedisClusterClient(endpoint: self, poolSize: poolSize, options: options)
            : RedisClient(endpoint: self, poolSize: poolSize, options: options)
    }
}
