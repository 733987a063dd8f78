import ICPLanguage
import ICPEngine
/// How an ICP would have done on accounts with a decided outcome (won or lost; churned counts
/// as lost unless told otherwise), each figure with the number of accounts behind it.
public struct BacktestResult: Sendable {
    /// Decided accounts in the measured part, and how many of them were won.
    public let decided: Int
    public let won: Int
    /// Decided accounts that qualify, and how many of them were won.
    public let qualifiedDecided: Int
    public let qualifiedWon: Int
    /// Won among qualified decided accounts (the win rate, which backtest's JSON also calls
    /// precision); nil when none qualify.
    public let precision: Double?
    /// Won among all decided accounts.
    public let baselinePrecision: Double?
    /// Qualified won accounts among all won accounts (won coverage; recall).
    public let recall: Double?
    public let lift: Double?
    /// ROC AUC of the score, won against lost, among decided accounts that pass the filters and
    /// excludes (min_score aside); nil when they hold no won or no lost account, or when the ICP
    /// has no score parameter (every account scores the same).
    public let auc: Double?
    /// Whether the ICP has a score parameter: without one there is no ranking to measure.
    public let hasScore: Bool
    public let aucWon: Int
    public let aucLost: Int
    /// Why the figures say little, when the measured part is too small.
    public let caution: String?

    /// Fewer decided accounts than this, or fewer won or lost than ``minimumEach``: the figures
    /// are printed with a caution rather than as findings.
    public static let minimumDecided = 30
    public static let minimumEach = 5
}

extension Engine {
    /// The backtest of one evaluated ICP on the accounts `split` selects; nil when the workspace names no outcome.
    public func backtest(_ evaluation: ICPEvaluation, split: BacktestSplit, churnedAsLost: Bool = true) -> BacktestResult? {
        guard let outcomes = outcomeSets else { return nil }
        let measured = rows(in: split)
        let won = outcomes.won.intersection(measured)
        let lost = (churnedAsLost ? outcomes.lost.union(outcomes.churned) : outcomes.lost).intersection(measured).subtracting(won)
        let decided = won.union(lost)
        let qualifiedDecided = evaluation.qualified.intersectionCount(decided)
        let qualifiedWon = evaluation.qualified.intersectionCount(won)
        func ratio(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
        let precision = ratio(qualifiedWon, qualifiedDecided)
        let baseline = ratio(won.cardinality, decided.cardinality)
        let lift: Double? = if let precision, let baseline, baseline > 0 { precision / baseline } else { nil }
        let gatedWon = evaluation.gate.intersection(won)
        let gatedLost = evaluation.gate.intersection(lost)
        let hasScore = !evaluation.weights.isEmpty
        let auc = hasScore ? Self.rocAUC(positives: gatedWon, negatives: gatedLost, score: evaluation.score(ofRow:)) : nil
        var cautions: [String] = []
        if case .createdOnOrAfter = split, let missing = missingCreatedDate {
            cautions.append(missing)
        } else if decided.cardinality < BacktestResult.minimumDecided || won.cardinality < BacktestResult.minimumEach || lost.cardinality < BacktestResult.minimumEach {
            cautions.append("too few decided accounts to say anything: \(CountFormat.grouped(decided.cardinality)) (\(CountFormat.grouped(won.cardinality)) won, \(CountFormat.grouped(lost.cardinality)) lost); at least \(BacktestResult.minimumDecided) with \(BacktestResult.minimumEach) of each are needed")
        } else if qualifiedDecided < BacktestResult.minimumEach {
            // The total is large enough, but precision and lift rest on the few that qualify.
            cautions.append(qualifiedDecided == 0 ? "no decided account qualifies: win rate and lift cannot be measured"
                : "only \(CountFormat.grouped(qualifiedDecided)) decided account\(qualifiedDecided == 1 ? "" : "s") qualif\(qualifiedDecided == 1 ? "ies" : "y"): win rate and lift rest on \(qualifiedDecided == 1 ? "it" : "them")")
        }
        let caution = cautions.isEmpty ? nil : cautions.joined(separator: "; ")
        return BacktestResult(decided: decided.cardinality, won: won.cardinality, qualifiedDecided: qualifiedDecided, qualifiedWon: qualifiedWon,
                              precision: precision, baselinePrecision: baseline, recall: ratio(qualifiedWon, won.cardinality), lift: lift,
                              auc: auc, hasScore: hasScore, aucWon: gatedWon.cardinality, aucLost: gatedLost.cardinality, caution: caution)
    }

    /// Won and decided accounts (won or lost, churned counting as lost) among the accounts a
    /// parameter lets through and among those it does not: its own evidence on past deals. A
    /// filter or a score lets its matches through; an exclude lets through what it does not
    /// match. Nil when the workspace names no outcome.
    public func outcomesSplit(for parameter: ParameterOutcome) -> (through: (won: Int, decided: Int), held: (won: Int, decided: Int))? {
        guard let outcomes = outcomeSets else { return nil }
        let decided = outcomes.won.union(outcomes.lost).union(outcomes.churned)
        let all = Bitset.all(accounts.rowCount)
        let letThrough = parameter.mode == .exclude ? all.subtracting(parameter.matched) : parameter.matched
        let held = all.subtracting(letThrough)
        return ((letThrough.intersectionCount(outcomes.won), letThrough.intersectionCount(decided)),
                (held.intersectionCount(outcomes.won), held.intersectionCount(decided)))
    }

    /// The accounts a split selects.
    /// The probability that a random positive scores above a random negative (ties count half),
    /// from the counts of each distinct score: O(n log n) in the number of distinct scores.
    static func rocAUC(positives: Bitset, negatives: Bitset, score: (Int) -> Double) -> Double? {
        let positiveCount = positives.cardinality
        let negativeCount = negatives.cardinality
        guard positiveCount > 0, negativeCount > 0 else { return nil }
        var counts: [Double: (positive: Int, negative: Int)] = [:]
        positives.forEach { counts[score($0), default: (0, 0)].positive += 1 }
        negatives.forEach { counts[score($0), default: (0, 0)].negative += 1 }
        var negativesBelow = 0
        var wins = 0.0
        for value in counts.keys.sorted() {
            let (positive, negative) = counts[value] ?? (0, 0)
            wins += Double(positive) * (Double(negativesBelow) + 0.5 * Double(negative))
            negativesBelow += negative
        }
        return wins / (Double(positiveCount) * Double(negativeCount))
    }
}
