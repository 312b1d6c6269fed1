extension ScheduleFields {
    /// The fields of a JSON body; a field of the wrong JSON type is refused naming it.
    init(json body: JSONBody) throws(APIError) {
        self.init()
        name = try body.string("name")
        cron = try body.string("cron")
        timeZone = try body.string("tz")
        method = try body.string("method")
        url = try body.string("url")
        headers = try body.headerLines("headers")
        self.body = try body.string("body")
        timeout = try body.text("timeout")
        attempts = try body.text("attempts")
        backoff = try body.string("backoff")
        missed = try body.string("missed")
        overlap = try body.string("overlap")
        if case .null? = body.fields["pause_after_failures"] {
            pauseAfterFailures = "off"
        } else {
            pauseAfterFailures = try body.text("pause_after_failures")
        }
        if case .null? = body.fields["queue"] {
            queue = ""
        } else {
            queue = try body.string("queue")
        }
        enabled = try body.bool("enabled")
    }
}
