/// How a parameter acts on a record (format.md, Modes).
public enum ParameterMode: String, Sendable, CaseIterable {
    /// A hard gate: a record that fails it is out.
    case filter
    /// A weighted contribution to the score.
    case score
    /// A hard removal: a record that matches it is out.
    case exclude
}

/// What a parameter does with a record whose value is missing (format.md, Missing values).
/// An `exists` condition tests presence itself, so no policy applies to it.
public enum MissingPolicy: String, Sendable, CaseIterable {
    /// The condition is false, as on any value it does not match: a filter drops the record, a
    /// score earns nothing, an exclude keeps it. The default.
    case fail
    /// The condition is true: a filter keeps the record, a score earns its weight, an exclude removes it.
    case pass
    /// The parameter does not judge the record: a filter keeps it, an exclude keeps it, and a
    /// score leaves its weight out of that record's total (the score is over the parameters it
    /// has data for).
    case neutral
}

/// One criterion of an ICP or persona. Parts the file leaves out or gets wrong are nil
/// (with a diagnostic); such a parameter is incomplete and is not evaluated.
public struct Parameter: Sendable {
    public var field: Located<String>?
    public var mode: Located<ParameterMode>?
    /// The condition, ranged over its key(s) and value(s).
    public var condition: Located<Condition>?
    /// The weight as written; nil when absent.
    public var weight: Located<Double>?
    public var label: String?
    /// The `missing` policy as written; nil when absent (the workspace's default applies).
    public var missing: Located<MissingPolicy>?
    /// `decay: {half_life_days: N}` on a score parameter over a date: its points halve every N
    /// days of the date's age as of `as_of` (format.md, Decay).
    public var decay: Located<Double>?
    /// The whole parameter (the mapping of the list item).
    public var range: SourceRange

    public init(field: Located<String>? = nil, mode: Located<ParameterMode>? = nil, condition: Located<Condition>? = nil,
                weight: Located<Double>? = nil, label: String? = nil, range: SourceRange) {
        self.field = field
        self.mode = mode
        self.condition = condition
        self.weight = weight
        self.label = label
        self.range = range
    }

    /// The largest `weight` accepted: large enough for any ratio a person means, small enough
    /// that a sum of 64 weights stays exact to well below a score's displayed decimal.
    public static let maximumWeight = 1_000_000.0
    /// The largest `half_life_days` accepted: a century, like `within_days`.
    public static let maximumHalfLife = 36_525.0

    /// The largest `within_days` accepted: a century.
    public static let maximumWithinDays = 36_525

    /// The weight a score parameter contributes: as written, or 1.
    public var effectiveWeight: Double { weight?.value ?? 1 }

    /// The policy in force: the parameter's own, else `fallback` (the workspace's); none for an
    /// `exists` condition.
    public func missingPolicy(default fallback: MissingPolicy) -> MissingPolicy {
        if case .exists? = condition?.value { return .fail }
        return missing?.value ?? fallback
    }

    /// Field, mode and condition are all known, so the parameter can be evaluated.
    public var isComplete: Bool { field != nil && mode != nil && condition != nil }
}
