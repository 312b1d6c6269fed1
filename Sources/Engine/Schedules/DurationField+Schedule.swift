extension DurationField {
    /// A schedule's `timeout`: 1 ms to 1 h.
    public static let scheduleTimeout = DurationField(
        from: Int64(ScheduleDefinition.timeoutRange.lowerBound), to: Int64(ScheduleDefinition.timeoutRange.upperBound),
        examples: ["500ms", "30s", "5m"])
}
