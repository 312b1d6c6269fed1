/// Which master serves each slot of a Redis Cluster, as `CLUSTER SHARDS` (Redis 7) or
/// `CLUSTER SLOTS` (older servers) tells it.
package struct RedisClusterMap: Sendable, Equatable {
    /// A node's address.
    package struct Node: Hashable, Sendable, CustomStringConvertible {
        /// Host name or IP address.
        package var host: String
        /// TCP port.
        package var port: Int

        package var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// The masters that serve slots, in the order the server listed them.
    package private(set) var masters: [Node] = []
    /// Every node the map names, replicas included: where to ask for the next map.
    package private(set) var nodes: [Node] = []
    /// For each slot, its master's index in ``masters``, or -1.
    private var owners = [Int16](repeating: -1, count: RedisHashSlot.count)

    /// The master serving `slot`, nil when none does (the cluster is incomplete).
    package func master(forSlot slot: Int) -> Node? {
        let owner = owners[slot]
        return owner < 0 ? nil : masters[Int(owner)]
    }

    /// True when a master serves every slot.
    package var coversAllSlots: Bool { !owners.contains(-1) }

    /// How many slots a master serves.
    package var coveredSlots: Int { owners.count { $0 >= 0 } }

    /// Reads a `CLUSTER SHARDS` reply from the node at `asked` (whose host stands in for a node
    /// that does not know its own address).
    package init(shards reply: RedisValue, asked: Node) throws(RedisError) {
        guard let shards = reply.array else { throw RedisError(.unexpectedReply, "CLUSTER SHARDS returned \(reply)") }
        for shard in shards {
            let fields = Self.fields(shard)
            let ranges = fields["slots"]?.array?.compactMap(\.int) ?? []
            var master: Node?
            for entry in fields["nodes"]?.array ?? [] {
                let node = Self.fields(entry)
                let ip = node["endpoint"]?.string.flatMap { $0.isEmpty || $0 == "?" ? nil : $0 } ?? node["ip"]?.string ?? ""
                guard let port = node["port"]?.int, port > 0 else { continue }
                let address = Node(host: ip.isEmpty ? asked.host : ip, port: port)
                if !nodes.contains(address) { nodes.append(address) }
                if node["role"]?.string == "master", node["health"]?.string != "fail" { master = address }
            }
            guard let master, ranges.count >= 2 else { continue }
            assign(stride(from: 0, to: ranges.count - 1, by: 2).map { (ranges[$0], ranges[$0 + 1]) }, to: master)
        }
    }

    /// Reads a `CLUSTER SLOTS` reply from the node at `asked`.
    package init(slots reply: RedisValue, asked: Node) throws(RedisError) {
        guard let ranges = reply.array else { throw RedisError(.unexpectedReply, "CLUSTER SLOTS returned \(reply)") }
        for range in ranges {
            guard let parts = range.array, parts.count >= 3, let start = parts[0].int, let end = parts[1].int else { continue }
            var addresses: [Node] = []
            for entry in parts.dropFirst(2) {
                guard let fields = entry.array, fields.count >= 2, let host = fields[0].string, host != "?", let port = fields[1].int else {
                    continue
                }
                addresses.append(Node(host: host.isEmpty ? asked.host : host, port: port))
            }
            for address in addresses where !nodes.contains(address) { nodes.append(address) }
            if let master = addresses.first { assign([(start, end)], to: master) }
        }
    }

    private mutating func assign(_ ranges: [(Int, Int)], to master: Node) {
        let index: Int
        if let known = masters.firstIndex(of: master) {
            index = known
        } else {
            index = masters.count
            masters.append(master)
        }
        for (start, end) in ranges where start >= 0 && start <= end && end < RedisHashSlot.count {
            for slot in start...end { owners[slot] = Int16(index) }
        }
    }

    /// A RESP2 map (a flat array of names and values) by name.
    private static func fields(_ value: RedisValue) -> [String: RedisValue] {
        let items = value.array ?? []
        var out: [String: RedisValue] = [:]
        var i = 0
        while i + 1 < items.count {
            if let name = items[i].string { out[name] = items[i + 1] }
            i += 2
        }
        return out
    }
}

extension RedisClusterMap.Node {
    /// `host:port` (`[v6]:port`).
    package init?(_ text: String) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) else { return nil }
        var host = text[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty else { return nil }
        self.init(host: String(host), port: port)
    }
}
