extension JobQueue {
    /// The lifecycle events of this queue, from every process, as they happen.
    ///
    /// Reads the capped event stream with `XREAD BLOCK` on a connection of its own, which closes when
    /// the sequence is dropped or its task cancelled. Pass the ``QueueEvent/streamID`` of the last event
    /// seen to resume after it, `"0"` for everything still in the stream, or `"$"` (the default) for
    /// new events only.
    package func events(after lastID: String = "$") -> AsyncThrowingStream<QueueEvent, any Error> {
        let connection = redis.dedicatedConnection(name: "events-\(name)", forKey: keys.events)
        let key = keys.events
        let (stream, continuation) = AsyncThrowingStream<QueueEvent, any Error>.makeStream(bufferingPolicy: .bufferingNewest(10_000))
        let reader = Task {
            var last = lastID
            if last == "$" {
                // Pin "$" to a concrete id, so nothing is lost between two reads.
                let info = try? await connection.send(RedisCommand("XREVRANGE", key, "+", "-", "COUNT", 1))
                last = info?.array?.first?.array?.first?.string ?? "0"
            }
            while !Task.isCancelled {
                var command = RedisCommand("XREAD", "COUNT", 1000, "BLOCK", 1000, "STREAMS", key, last)
                command.blockingTimeout = .seconds(1)
                do throws(RedisError) {
                    let reply = try await connection.send(command)
                    guard let streams = reply.array, let entries = streams.first?.array?.dropFirst().first?.array else { continue }
                    for entry in entries {
                        if let id = entry.array?.first?.string { last = id }
                        if let event = QueueEvent(entry: entry) { continuation.yield(event) }
                    }
                } catch let error where error.code == .closed {
                    break
                } catch {
                    // The link broke: the connection reconnects on the next read; pause briefly so a
                    // server that is down is not hammered.
                    try? await Task.sleep(for: .milliseconds(200))
                }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in
            reader.cancel()
            connection.close()
        }
        return stream
    }

    /// The id of the newest event in the stream, `"0"` when there is none: pass it to
    /// ``events(after:)`` to get exactly the events that follow this call.
    package func lastEventID() async throws(QueueError) -> String {
        let reply = try await send(RedisCommand("XREVRANGE", keys.events, "+", "-", "COUNT", 1))
        return reply.array?.first?.array?.first?.string ?? "0"
    }
}

extension JobQueue {
    /// The last `limit` events still in the stream, oldest first.
    package func recentEvents(limit: Int) async throws(QueueError) -> [QueueEvent] {
        let reply = try await send(RedisCommand("XREVRANGE", keys.events, "+", "-", "COUNT", max(1, min(limit, 10_000))))
        return (reply.array ?? []).reversed().compactMap(QueueEvent.init(entry:))
    }
}
