/// A schedule read back from a listing (`schedule show --json`, the API's GET) and sent again
/// keeps its secrets: where the listing showed `***` in place of a stored secret, the stored
/// secret stays. A `***` that stands for no stored secret is refused, since storing it would
/// replace a real secret with the mask.
extension ScheduleInput {
    /// `url`, or the stored URL when `url` is exactly how listings show it (``Schedule/displayURL``).
    static func unmasked(url: String, base: ScheduleDefinition?) throws(ScheduleError) -> String {
        if let base, url == Redaction.message(base.url) { return base.url }
        guard !Redaction.holdsMask(url) else {
            throw .invalid(
                "url",
                "has \(Redaction.mask) where a secret goes, which is how listings hide one: send the real secret, or the URL exactly as shown to keep the stored one"
            )
        }
        return url
    }

    /// `headers` with each secret header whose value is the mask given the value of the stored
    /// header of the same name (the first masked `Cookie` takes the first stored `Cookie`, and so on).
    static func unmasked(headers: [ScheduleHeader], base: ScheduleDefinition?) throws(ScheduleError) -> [ScheduleHeader] {
        var taken: [String: Int] = [:]
        var result: [ScheduleHeader] = []
        for var header in headers {
            if header.isSensitive && header.value == ScheduleHeader.mask {
                let name = header.name.lowercased()
                let stored = (base?.headers ?? []).filter { $0.name.lowercased() == name }
                let index = taken[name, default: 0]
                guard index < stored.count else {
                    throw .invalid(
                        "header",
                        "the value of \(header.name) is \(ScheduleHeader.mask), which is how listings hide a secret, and no stored \(header.name) is there to keep: send the real value"
                    )
                }
                header.value = stored[index].value
                taken[name] = index + 1
            }
            result.append(header)
        }
        return result
    }
}
