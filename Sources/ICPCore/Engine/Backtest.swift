/// Which accounts a backtest measures on: all of them, those created on or after a date (the
/// ICP was written before them), or a seeded random share held out from whatever built the ICP.
public enum BacktestSplit: Sendable, Equatable {
    case all
    /// Accounts whose `keys.created` date is on or after this day; accounts without one are left out.
    case createdOnOrAfter(CalendarDate)
    /// A share (0...1) of accounts picked by a hash of their key and the seed: the same accounts
    /// for the same data, seed and share, whatever the row order.
    case holdout(fraction: Double, seed: UInt64)

    /// Whether an account with key `id` falls in a `holdout` share: the same answer every run.
    public static func isHeldOut(_ id: String, fraction: Double, seed: UInt64) -> Bool {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325 ^ seed
        for byte in id.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        // A final mix spreads the FNV hash over all 64 bits before it is read as a fraction.
        hash = (hash ^ (hash >> 33)) &* 0xFF51_AFD7_ED55_8CCD
        hash = (hash ^ (hash >> 33)) &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return Double(hash >> 11) / Double(1 << 53) < min(max(fraction, 0), 1)
    }
}

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
    /// Why `--split` cannot select accounts by creation date, or nil: the key is not set, or its
    /// column is missing or holds no dates.
    var missingCreatedDate: String? {
        guard let field = settings.createdField else {
            return "a split by date needs each account's creation date: set keys.created in icp.workspace.yaml to the column that holds it"
        }
        guard let column = accounts.column(named: field) else { return "keys.created names `\(field)`, which is not a column of the data" }
        guard case .date = column.cells else { return "keys.created names `\(field)`, which does not hold dates (YYYY-MM-DD)" }
        return nil
    }

    func rows(in split: BacktestSplit) -> Bitset {
        let count = accounts.rowCount
        switch split {
        case .all:
            return .all(count)
        case .createdOnOrAfter(let day):
            var selected = Bitset(count: count)
            guard let field = settings.createdField, let column = accounts.column(named: field), case .date(let days) = column.cells else { return selected }
            for row in 0..<count where column.codes[row] != 0 && Int(days[Int(column.codes[row])]) >= day.daysSinceEpoch {
                selected.insert(row)
            }
            return selected
        case .holdout(let fraction, let seed):
            var selected = Bitset(count: count)
            let ids = accounts.column(named: settings.accountIDField)
            for row in 0..<count where BacktestSplit.isHeldOut(ids?.text(atRow: row) ?? String(row), fraction: fraction, seed: seed) {
                selected.insert(row)
            }
            return selected
        }
    }

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
