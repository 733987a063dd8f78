/// Why one record does or does not qualify, parameter by parameter (`icp explain`).
public struct RecordExplanation: Sendable {
    public struct Step: Sendable {
        public let field: String
        public let mode: ParameterMode
        public let weight: Double
        /// The condition in words: "in [Software, Fintech]", "from 200 to 2,000".
        public let wanted: String
        /// The record's value as written, or nil when missing.
        public let value: String?
        public let matched: Bool
        /// What this means for the record, in a sentence.
        public let verdict: String
        /// Whether this step keeps the record out (a failed filter, a matching exclude).
        public let blocks: Bool
    }

    public let steps: [Step]
    public let qualifies: Bool
    public let score: Double
    public let minScore: Double
    public let tier: String?

    public init(icp: ICP, evaluation: ICPEvaluation, accounts: ColumnStore, row: Int, asOf: CalendarDate) {
        steps = evaluation.parameters.map { outcome in
            let parameter = icp.parameters[outcome.index]
            let condition = parameter.condition?.value ?? .exists(true)
            let value = accounts.column(named: outcome.field)?.text(atRow: row)
            let matched = outcome.matched.contains(row)
            let name = "`\(outcome.field)`"
            let verdict: String
            let blocks: Bool
            switch (outcome.mode, matched) {
            case (.filter, true): verdict = "passes"; blocks = false
            case (.filter, false):
                blocks = true
                if !outcome.fieldExists { verdict = "\(name) is not a column of the dataset, so this filter fails for every record" }
                else if value == nil { verdict = "\(name) is missing: a filter on a missing value fails; enrich this field" }
                else { verdict = "fails: the value is not \(Self.describe(condition, asOf: asOf))" }
            case (.exclude, true): verdict = "matches, so the exclude removes this record"; blocks = true
            case (.exclude, false): verdict = value == nil ? "\(name) is missing: an exclude never removes on a missing value" : "does not match: not excluded"; blocks = false
            case (.score, true): verdict = "matches: +\(CountFormat.plain(outcome.weight)) of the score"; blocks = false
            case (.score, false): verdict = value == nil ? "\(name) is missing: earns nothing" : "does not match: earns nothing"; blocks = false
            }
            return Step(field: outcome.field, mode: outcome.mode, weight: outcome.weight, wanted: Self.describe(condition, asOf: asOf),
                        value: value, matched: matched, verdict: verdict, blocks: blocks)
        }
        qualifies = evaluation.qualified.contains(row)
        score = evaluation.score(ofRow: row)
        minScore = icp.minScore
        tier = qualifies ? evaluation.tier(forScore: score) : nil
    }

    /// The condition in words.
    /// How many values a described list shows before "+N more".
    public static let listedValues = 8

    public static func describe(_ condition: Condition, asOf: CalendarDate) -> String {
        // A list of 38 values made a 600-character line: the first few, then how many more.
        let list = { (values: [ConditionValue]) -> String in
            let shown = values.prefix(listedValues).map(\.text)
            let more = values.count > listedValues ? ", +\(values.count - listedValues) more" : ""
            return "[" + shown.joined(separator: ", ") + more + "]"
        }
        switch condition {
        case .equals(let value): return value.text
        case .oneOf(let values): return "one of \(list(values))"
        case .allOf(let values): return "holding all of \(list(values))"
        case .containsAny(let values): return "containing any of \(list(values))"
        case .range(let min?, let max?): return "from \(min.text) to \(max.text)"
        case .range(let min?, nil): return "at least \(min.text)"
        case .range(nil, let max?): return "at most \(max.text)"
        case .range(nil, nil): return "any value"
        case .exists(let present): return present ? "present" : "missing"
        case .withinDays(let days): return "within \(days) days of \(asOf) (\(asOf.adding(days: -days)) or later)"
        }
    }
}
