/// A condition value as written: its text, and where. It is typed later, by the column it is
/// compared with (format.md, Parameters and conditions: `NO` under a text column is the text "NO").
public struct ConditionValue: Sendable, Hashable {
    public var text: String
    public var range: SourceRange
    /// Written in quotes.
    public var isQuoted: Bool

    public init(text: String, range: SourceRange, isQuoted: Bool) {
        self.text = text
        self.range = range
        self.isQuoted = isQuoted
    }
}

/// What a parameter tests on its field (format.md, Parameters and conditions).
public enum Condition: Sendable, Hashable {
    /// `is: V`
    case equals(ConditionValue)
    /// `in: [V...]`
    case oneOf([ConditionValue])
    /// `all_of: [V...]`
    case allOf([ConditionValue])
    /// `min: N` and/or `max: N`, both inclusive.
    case range(min: ConditionValue?, max: ConditionValue?)
    /// `contains_any: [S...]`
    case containsAny([ConditionValue])
    /// `exists: true/false`
    case exists(Bool)
    /// `within_days: N`
    case withinDays(Int)

    /// The key that states it (`min` for a range with a minimum).
    public var key: ParameterKey {
        switch self {
        case .equals: .is
        case .oneOf: .in
        case .allOf: .allOf
        case .range(let min, _): min == nil ? .max : .min
        case .containsAny: .containsAny
        case .exists: .exists
        case .withinDays: .withinDays
        }
    }

    /// Every value written in the condition.
    public var values: [ConditionValue] {
        switch self {
        case .equals(let value): [value]
        case .oneOf(let values), .allOf(let values), .containsAny(let values): values
        case .range(let min, let max): [min, max].compactMap { $0 }
        case .exists, .withinDays: []
        }
    }
}
