import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// Sentences about an evaluation, shared by hover, code lens and inlay hints.
enum Summary {
    /// `1,204 qualified (2.5%) · A 210 · B 640 · win 3.1× baseline`
    static func headline(_ evaluation: ICPEvaluation) -> String {
        var parts = ["\(CountFormat.grouped(evaluation.qualifiedCount)) qualified (\(CountFormat.percent(evaluation.share)))"]
        parts += evaluation.tiers.map { "\($0.name) \(CountFormat.grouped($0.count))" }
        if let lift = evaluation.outcomes?.lift { parts.append("win \(CountFormat.decimal(lift, digits: 1))× baseline") }
        return parts.joined(separator: " · ")
    }

    /// The inlay hint at the end of a parameter: `→ 4,212 left`, `−312 excluded`, `✓ 61% of qualified`.
    static func hint(_ outcome: ParameterOutcome, in evaluation: ICPEvaluation) -> String {
        switch outcome.mode {
        case .filter:
            return "→ \(CountFormat.grouped(outcome.remaining)) left"
        case .exclude:
            return "−\(CountFormat.grouped(evaluation.removed(by: outcome))) excluded"
        case .score:
            let qualified = evaluation.qualifiedCount
            guard qualified > 0 else { return "✓ 0 qualified" }
            let share = Double(outcome.matched.intersectionCount(evaluation.qualified)) / Double(qualified)
            return "✓ \(CountFormat.percent(share, digits: 0)) of qualified"
        }
    }
}
