/// What a Redis Cluster node's error reply asks of the client; the command did not run.
enum RedisRedirect: Equatable {
    /// `MOVED slot host:port`: the slot lives elsewhere now; the map is out of date.
    case moved(RedisClusterMap.Node)
    /// `ASK slot host:port`: the slot is migrating and this key is at the target already; send
    /// `ASKING` and the command there, once, and keep the map.
    case ask(RedisClusterMap.Node)
    /// `TRYAGAIN` (the keys of a multi-key command are split by a migration) or `LOADING`: the
    /// same node, shortly.
    case retry
    /// `CLUSTERDOWN`, `READONLY` (a master became a replica), `MASTERDOWN`: a failover is under way;
    /// read the map again, shortly.
    case failover

    /// The redirect in `reply`, nil when it is an ordinary reply or error.
    init?(_ reply: RedisValue) {
        guard case .error(let message) = reply else { return nil }
        self.init(message: message)
    }

    /// The redirect in an error message, nil for any other.
    init?(message: String) {
        let words = message.split(separator: " ", maxSplits: 3)
        switch words.first {
        case "MOVED", "ASK":
            guard words.count >= 3, let node = RedisClusterMap.Node(String(words[2])) else { return nil }
            self = words[0] == "MOVED" ? .moved(node) : .ask(node)
        case "TRYAGAIN", "LOADING": self = .retry
        case "CLUSTERDOWN", "READONLY", "MASTERDOWN": self = .failover
        default: return nil
        }
    }
}
