import ICPLanguage
/// What one parameter does over the dataset (format.md, Command-line output `funnel`).
public struct ParameterOutcome: Sendable {
    /// Position in the ICP's `parameters`.
    public let index: Int
    public let field: String
    public let mode: ParameterMode
    public let weight: Double
    /// Records whose value meets the condition, or counts as meeting it (`missing: pass`; a
    /// neutral filter's records without a value).
    public let matched: Bitset
    /// Records passing every filter and exclude up to and including this one.
    public let remaining: Int
    /// Records that would qualify were this parameter removed.
    public let without: Int
    /// Whether `field` is a column of the dataset.
    public let fieldExists: Bool
    /// The `missing` policy in force (the parameter's, else the workspace's).
    public let missing: MissingPolicy
    /// Records that have a value for `field`.
    public let present: Bitset
}

/// How many records land in a tier.
public struct TierOutcome: Sendable {
    public let name: String
    public let minimum: Double
    public let count: Int
}

/// Qualifying contacts of one persona (format.md, Personas).
public struct PersonaOutcome: Sendable {
    public let code: String
    public let name: String?
    /// Qualifying contacts; nil without a contacts table.
    public let contacts: Int?
    /// Qualifying accounts with at least one qualifying contact; nil without a contacts table.
    public let accounts: Int?
}

/// Win, loss and churn figures (format.md, Outcomes); a rate is nil when its denominator is zero.
public struct OutcomeMetrics: Sendable {
    public let winRate: Double?
    public let baselineWinRate: Double?
    public let lift: Double?
    public let wonCoverage: Double?
    public let churnRate: Double?
    public let baselineChurnRate: Double?
    /// Won accounts the ICP does not qualify (its false negatives).
    public let wonOutside: Int
}

/// An ICP evaluated over a dataset: everything `icp preview` shows and more.
public struct ICPEvaluation: Sendable {
    public let total: Int
    /// The complete parameters, in file order.
    public let parameters: [ParameterOutcome]
    /// The score parameters' match sets (then the neutral ones' absence sets) and their
    /// weights, in file order: a record's score comes from them.
    let scoreSets: [Bitset]
    let scores: SubsetScore
    package var weights: [Double] { scores.weights }
    /// Records passing every filter and no exclude.
    public let gate: Bitset
    /// Records that qualify: `gate` and a score of at least `min_score`.
    public let qualified: Bitset
    /// Tiers in file order with their counts.
    public let tiers: [TierOutcome]
    public let personas: [PersonaOutcome]
    /// Nil when the workspace names no outcome field.
    public let outcomes: OutcomeMetrics?
    /// Share of qualifying records whose every parameter field is present; nil when none qualify.
    public let enriched: Double?
    /// Qualifying records created on each of the 30 days ending at `as_of`, oldest first; nil without `keys.created`.
    public let lastThirtyDays: [Int]?
    /// Qualifying accounts already in the CRM (`keys.synced`); nil without that setting.
    public let synced: Int?
    /// The newest `keys.created` date among qualifying accounts; nil without it.
    public let lastQualified: CalendarDate?
    package let tierLadder: TierLadder
    let minScore: Double
    /// The decaying score parameters, whose records are scored one by one.
    let decay: DecayTerms?

    public var qualifiedCount: Int { qualified.cardinality }

    /// Qualifying records as a share of all records (0 when there are none).
    public var share: Double { total == 0 ? 0 : Double(qualifiedCount) / Double(total) }

    /// Records a filter or exclude takes out of the running funnel: what the step before left,
    /// less what this one leaves (0 for a score parameter).
    public func removed(by parameter: ParameterOutcome) -> Int {
        let position = parameters.firstIndex { $0.index == parameter.index } ?? 0
        let before = position == 0 ? total : parameters[position - 1].remaining
        return before - parameter.remaining
    }

    /// A record's exact score, 0...100 (rounded only when shown): the weights of the score
    /// parameters it matches, summed in file order, over the weights of those it is scored on
    /// (all, but a neutral one whose value it lacks).
    public func score(ofRow row: Int) -> Double {
        let subset = DecayTerms.subset(of: row, in: scoreSets)
        if let decay, decay.rows.contains(row) { return decay.score(row: row, subset: subset, scores: scores) }
        return scores.score(subset)
    }

    /// The share of its points the record keeps for the parameter at `index` (in the ICP's
    /// `parameters`): below 1 for a decaying one with an old date, else 1.
    public func decayFactor(ofParameter index: Int, row: Int) -> Double {
        let number = parameters.filter { $0.mode == .score }.firstIndex { $0.index == index }
        guard let decay, let number, let term = decay.terms.first(where: { $0.scoreIndex == number }) else { return 1 }
        return decay.factor(term, row: row)
    }

    /// Whether the record has no value for the score parameter at `number` (among the score
    /// parameters) and it is neutral, so its weight is left out of the record's total.
    public func isLeftOut(scoreParameter number: Int, row: Int) -> Bool {
        guard let bit = scores.absent.firstIndex(of: number).map({ scores.weights.count + $0 }), bit < scoreSets.count else { return false }
        return scoreSets[bit].contains(row)
    }

    /// The tier a qualifying record with this score lands in.
    public func tier(forScore score: Double) -> String? {
        tierLadder.tier(for: score)
    }
}
