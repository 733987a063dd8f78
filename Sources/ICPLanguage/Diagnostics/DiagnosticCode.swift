/// How serious a diagnostic is (checks.md).
public enum Severity: String, Sendable, Codable, Comparable, CaseIterable {
    case error
    case warning
    case information

    private var rank: Int {
        switch self {
        case .error: 0
        case .warning: 1
        case .information: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// The stable diagnostic codes of checks.md; the raw values are the strings users see and match on.
public enum DiagnosticCode: String, Sendable, Codable, CaseIterable {
    case syntax
    case schema
    case unknownField = "unknown-field"
    case typeMismatch = "type-mismatch"
    case emptyRange = "empty-range"
    case duplicateCode = "duplicate-code"
    case weightIgnored = "weight-ignored"
    case valueNotFound = "value-not-found"
    case zeroQualified = "zero-qualified"
    case tooTight = "too-tight"
    case tooBroad = "too-broad"
    case noExclusions = "no-exclusions"
    case missingData = "missing-data"
    case stale
    case emptyTier = "empty-tier"
    case dataset
    case outcomeField = "outcome-field"
    case undeclaredList = "undeclared-list"
    case missingKey = "missing-key"
    case asOfPastData = "as-of-past-data"
    case enrichment
    case shadowed
    case dataReading = "data-reading"

    /// Whether a finding of this code keeps the text from being evaluated (the evaluation gate):
    /// the errors that leave the ICP unsaid (`syntax`, `schema`: a part of it is dropped) or
    /// contradicting itself (`empty-range`). A column the data lacks (`unknown-field`) or a value
    /// that does not fit it (`type-mismatch`) has a defined meaning, missing everywhere, so the
    /// figures stay, with the `zero-qualified` that says what the error costs.
    public var blocksEvaluation: Bool {
        self == .syntax || self == .schema || self == .emptyRange
    }

    /// The severity checks.md gives this code.
    public var severity: Severity {
        switch self {
        case .syntax, .schema, .unknownField, .typeMismatch, .emptyRange, .duplicateCode, .dataset: .error
        case .weightIgnored, .valueNotFound, .zeroQualified, .tooTight, .tooBroad,
             .outcomeField, .undeclaredList, .missingKey, .asOfPastData, .shadowed, .dataReading: .warning
        case .noExclusions, .missingData, .stale, .emptyTier, .enrichment: .information
        }
    }

    /// One line on what the code means, for rule lists (SARIF) and documentation.
    public var summary: String {
        switch self {
        case .syntax: "The file is not valid YAML or JSON."
        case .schema: "Unknown key, wrong type, missing required key or bad enum value."
        case .unknownField: "The field is not a column of the dataset."
        case .typeMismatch: "The condition does not fit the column's type."
        case .emptyRange: "A range or a set of filters on one field that no value can pass."
        case .duplicateCode: "Two ICP files, or two personas of one ICP, share a code."
        case .weightIgnored: "A weight on a filter or exclude, where it has no effect."
        case .valueNotFound: "A condition value that no record has."
        case .zeroQualified: "The ICP qualifies no record."
        case .tooTight: "Fewer records qualify than the workspace's min_qualified."
        case .tooBroad: "A larger share of records qualifies than the workspace's max_share."
        case .noExclusions: "The ICP has no exclude parameter."
        case .missingData: "A filter's field is missing in many records."
        case .stale: "The ICP has not been reviewed for longer than stale_after_days."
        case .emptyTier: "No possible score falls in a tier's range."
        case .dataset: "The dataset cannot be read."
        case .outcomeField: "A parameter on the outcome column: the ICP selects by result, and its win rate means nothing."
        case .undeclaredList: "A text column whose cells look like lists, matched whole by `is` or `in`."
        case .missingKey: "The account key (default `id`) is not a column of the data."
        case .asOfPastData: "as_of lies far beyond the newest date in the data."
        case .enrichment: "Filling a field's missing values could make many more accounts qualify."
        case .shadowed: "A live ICP keeps few of the accounts it qualifies: higher-precedence ICPs take them."
        case .dataReading: "The data file can be read more than one way, or a few cells block a column's type: a line of settings settles it."
        }
    }
}
