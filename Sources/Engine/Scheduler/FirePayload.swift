import Foundation

/// The queue payload of a schedule's fires: the ``HTTPJob`` JSON, built from bytes prepared once
/// per schedule version so that a tick of a thousand fires spends microseconds, not milliseconds,
/// on encoding. ``HTTPJob/decode(_:)`` reads it like any other payload.
struct FirePayload {
    private let head: [UInt8]

    /// The prepared parts of `schedule`'s payloads.
    init(schedule: Schedule) {
        let d = schedule.definition
        var request = "{"
        if let body = d.body { request += "\"body\":\"" + body.base64EncodedString() + "\"," }
        request +=
            "\"headers\":["
            + d.headers.map { "[" + JSONText.string($0.name) + "," + JSONText.string($0.value) + "]" }
            .joined(separator: ",") + "],"
        request +=
            "\"method\":" + JSONText.string(d.method) + ",\"timeout_ms\":\(d.timeoutMs),\"url\":" + JSONText.string(d.url) + "}"
        head = Array(
            ("{\"request\":" + request + ",\"schedule_id\":\(schedule.id),\"schedule_name\":" + JSONText.string(d.name)
                + ",\"scheduled_for\":").utf8)
    }

    /// The payload of the fire of slot `scheduledFor`. (Its ledger row may reach PostgreSQL after
    /// the job runs, so the payload carries no row id: executions find their fire by the slot.)
    func bytes(scheduledFor: Int64) -> [UInt8] {
        var out = head
        out.reserveCapacity(head.count + 64)
        out += String(scheduledFor).utf8
        out += #","trigger":"cron"}"#.utf8
        return out
    }
}
