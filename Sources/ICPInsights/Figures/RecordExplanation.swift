import ICPLanguage
import ICPEngine
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
            case _ where value == nil && outcome.missing != .fail:
                // The parameter's `missing` policy decided (format.md, Missing values).
                let said = "\(name) is missing: \(outcome.missing.rawValue)"
                switch (outcome.mode, outcome.missing) {
                case (.filter, .pass): verdict = "\(said), counted as met"; blocks = false
                case (.filter, _): verdict = "\(said), the filter lets it through"; blocks = false
                case (.exclude, .pass): verdict = "\(said), counted as met, so the exclude removes this record"; blocks = true
                case (.exclude, _): verdict = "\(said), not excluded"; blocks = false
                case (.score, .pass): verdict = "\(said), counted as met: +\(CountFormat.plain(outcome.weight)) of the score"; blocks = false
                case (.score, _): verdict = "\(said), left out of the score (scored over the parameters it has data for)"; blocks = false
                }
            case (.filter, true): verdict = "passes"; blocks = false
            case (.filter, false):
                blocks = true
                if !outcome.fieldExists { verdict = "\(name) is not a column of the dataset, so this filter fails for every record" }
                else if value == nil { verdict = "\(name) is missing: a filter on a missing value fails; enrich this field" }
                else { verdict = "fails: the value is not \(Self.describe(condition, asOf: asOf))" }
            case (.exclude, true): verdict = "matches, so the exclude removes this record"; blocks = true
            case (.exclude, false): verdict = value == nil ? "\(name) is missing: an exclude never removes on a missing value" : "does not match: not excluded"; blocks = false
            case (.score, true) where parameter.decay != nil && value != nil:
                let earned = outcome.weight * evaluation.decayFactor(ofParameter: outcome.index, row: row)
                let age = CalendarDate(parsing: String(value?.prefix(10) ?? "")).map { asOf.daysSinceEpoch - $0.daysSinceEpoch }
                verdict = "matches: +\(CountFormat.decimal(earned, digits: 2)) of \(CountFormat.plain(outcome.weight)) (\(age.map { "\(max(0, $0)) days old, " } ?? "")half-life \(CountFormat.plain(parameter.decay?.value ?? 0)) days)"
                blocks = false
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

    /// The closing line, in the words of `icp score` (an account that does not qualify scores
    /// 0 there): `score 66.7 of 100 (min_score 30), tier B`, `score 0: it does not qualify (its
    /// score parameters would give 50.0 of 100)`.
    public var summary: String {
        let score = CountFormat.decimal(ScoreMath.rounded(self.score), digits: 1)
        let reached = ScoreMath.reaches(self.score, minScore)
        let scores = steps.contains { $0.mode == .score }
        var summary = qualifies ? "score \(score) of 100"
            : "score 0: it does not qualify" + (scores ? " (its score parameters would give \(score) of 100)" : "")
        if minScore > 0 { summary += " (min_score \(CountFormat.plain(minScore))\(reached ? "" : ": not reached"))" }
        if let tier { summary += ", tier \(tier)" }
        return summary
    }

    /// What a record that does not qualify would need: each filter it fails and exclude it
    /// matches, with its value, and the score when `min_score` is not reached. Empty when it qualifies.
    public var needs: [String] {
        guard !qualifies else { return [] }
        var needs = steps.filter(\.blocks).map { step in
            "\(step.mode == .exclude ? "not " : "")\(step.field) \(step.wanted) (it has \(step.value ?? "nothing"))"
        }
        if !ScoreMath.reaches(score, minScore) { needs.append("a score of \(CountFormat.plain(minScore)): more score parameters matched") }
        return needs
    }

    /// The explanation as a markdown document (the editor's `icp.explain`).
    public func markdown(record: String, icp: ICP) -> String {
        func cell(_ text: String) -> String { text.replacing("|", with: "\\|").replacing("\n", with: " ") }
        var lines = ["# `\(record)` \(qualifies ? "qualifies" : "does not qualify") for \(icp.code?.value ?? "") (\(icp.displayName))", "",
                     "| | parameter | condition | value | |", "|---|---|---|---|---|"]
        for step in steps {
            let mark = step.blocks ? "✗" : (step.matched ? "✓" : "·")
            let mode = step.mode == .score ? "score ×\(CountFormat.plain(step.weight))" : step.mode.rawValue
            lines.append("| \(mark) | \(mode) `\(cell(step.field))` | \(cell(step.wanted)) | \(cell(step.value ?? "missing")) | \(cell(step.verdict)) |")
        }
        lines += ["", summary]
        if !needs.isEmpty { lines += ["", "To qualify it would need:"] + needs.map { "- \($0)" } }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The condition in words.
    /// How many values a described list shows before "+N more".
    public static let listedValues = 8

    /// `listed`: how many values of a list to show; `asOf` nil leaves the dates out of a window.
    public static func describe(_ condition: Condition, asOf: CalendarDate?, listed: Int = listedValues) -> String {
        // A list of 38 values made a 600-character line: the first few, then how many more.
        let list = { (values: [ConditionValue]) -> String in
            let shown = values.prefix(listed).map(\.text)
            let more = values.count > listed ? ", +\(values.count - listed) more" : ""
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
        case .withinDays(let days):
            guard let asOf else { return "within \(days) days" }
            return "within \(days) days of \(asOf) (\(asOf.adding(days: -days)) or later)"
        }
    }
}
