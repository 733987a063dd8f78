import ICPLanguage
import ICPEngine
/// One condition read from a sentence, on one field, before claims on the same field merge.
struct DraftClaim: Sendable {
    enum Test: Sendable, Equatable {
        /// Text values (list elements) as the data writes them: `in:`.
        case values([String])
        /// Inclusive bounds on a number column.
        case range(min: Double?, max: Double?)
        /// Inclusive bounds on a date column.
        case dates(min: CalendarDate?, max: CalendarDate?)
        case withinDays(Int)
        /// `is: true` or `is: false` on a boolean column.
        case flag(Bool)
        /// `exists: true`.
        case present
        /// `contains_any`: a place named inside a text of several parts ("Saint Paul, Minnesota").
        case contains([String])
    }

    var field: Int
    var test: Test
    /// The tokens it was read from.
    var tokens: Range<Int>
    /// The mode a strength word gave it; nil for the default (filter).
    var mode: ParameterMode?
    var weight: Double?
    /// Under a negation: it becomes an exclude.
    var negated = false
    /// What the words were read as when they are not the data's own spelling (a misspelling, a synonym).
    var readAs: String?
    /// How it joins the claim before it on the same field: `or`, `and` or `,` when only such
    /// words stand between them (a list of alternatives); nil when other words do.
    var joiner: String?

    var resolvedMode: ParameterMode { negated ? .exclude : (mode ?? .filter) }
}

/// Words of a sentence that fit no column or value of the data: kept as a comment, never a parameter.
public struct UnmappedPhrase: Sendable, Equatable {
    /// The words as written.
    public let words: String
    /// The column the words come closest to, if any, and why.
    public let closest: String?

    public var described: String {
        "\"\(words)\"" + (closest.map { " (closest column: \($0))" } ?? " (no column of the data fits)")
    }
}
