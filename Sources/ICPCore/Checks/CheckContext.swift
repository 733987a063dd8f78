/// What checks need to know beyond the ICP itself: the date they run at and the workspace's thresholds.
public struct CheckContext: Sendable {
    /// The date for staleness and `within_days`: the workspace's `as_of`, or today.
    public var asOf: CalendarDate
    public var thresholds: CheckThresholds

    public init(asOf: CalendarDate, thresholds: CheckThresholds = CheckThresholds()) {
        self.asOf = asOf
        self.thresholds = thresholds
    }
}
