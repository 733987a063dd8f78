/// What checks need to know beyond the ICP itself: the date they run at and the workspace's thresholds.
public struct CheckContext: Sendable {
    /// The date for staleness and `within_days`: the workspace's `as_of`, or today.
    public var asOf: CalendarDate
    public var thresholds: CheckThresholds
    /// The workspace's `missing` policy, for parameters without their own.
    public var missingPolicy: MissingPolicy

    public init(asOf: CalendarDate, thresholds: CheckThresholds = CheckThresholds(), missingPolicy: MissingPolicy = .fail) {
        self.asOf = asOf
        self.thresholds = thresholds
        self.missingPolicy = missingPolicy
    }
}
