import ICPLanguage
import ICPEngine

/// What the whole file says about conventions one column's values may leave open (format.md,
/// Values as written): the decimal mark, and the order of day and month. An export writes every
/// column the same way, so a column whose values settle it settles it for the others; the
/// reading says which column did.
struct ReadingEvidence {
    /// Declared, or settled by some column's values and contradicted by none.
    var decimal: DecimalMark?
    var decimalSource: String?
    /// The order settled by some date column, per separator (`/`, `.`, `-`), and which column.
    var dateOrders: [Character: (order: DateOrder, column: String)] = [:]
    /// The file is `;`-separated (Excel in most of Europe): a lone `1.234` is not assumed to be 1.234.
    var europeanHint = false

    init(surveys: [ColumnSurvey], settings: ReadingSettings, delimiter: UInt8?) {
        europeanHint = delimiter == UInt8(ascii: ";")
        if let declared = settings.decimal {
            decimal = declared
            decimalSource = "declared"
        } else {
            var votes: [DecimalMark: String] = [:]
            for survey in surveys {
                guard let trial = survey.numbers, trial.failures.distinct == 0, trial.leadingZeros == 0, let mark = trial.settledMark else { continue }
                // Only values that need the mark count: `1,234.5` or `1,5`, not plain whole numbers.
                if mark == .comma || trial.pointOnly > 0, votes[mark] == nil { votes[mark] = survey.name }
            }
            if votes.count == 1, let (mark, column) = votes.first {
                decimal = mark
                decimalSource = column
            }
        }
        var conflicting: Set<Character> = []
        for survey in surveys {
            guard let trial = survey.dates, trial.failures.distinct == 0, let separator = trial.separator, let order = trial.settledOrder else { continue }
            if let known = dateOrders[separator], known.order != order { conflicting.insert(separator) }
            if dateOrders[separator] == nil { dateOrders[separator] = (order, survey.name) }
        }
        for separator in conflicting { dateOrders[separator] = nil }
    }
}
