import ICPLanguage
import ICPEngine
/// The series `icp report` draws for one ICP, beside the preview's figures (Documentation/report.md).
/// Every number the page shows comes from here or from ``ICPPreview``.
public struct ReportCharts: Sendable, Encodable {
    /// One group of accounts: a tier of the qualifying ones, or those that do not qualify.
    public struct Group: Sendable, Encodable {
        /// The tier's name; `qualified` for an ICP without tiers; `not qualified`.
        public let group: String
        public let qualified: Bool
        /// The tier's minimum score; nil for the other groups.
        @EncodedAsNull public var minimum: Double?
        public let accounts: Int
        /// Won and lost accounts among them (churned ones aside, as the preview's win rate).
        public let decided: Int
        public let won: Int
        @EncodedAsNull public var win_rate: Double?
        /// Its share of all accounts, and of all won accounts.
        public let account_share: Double
        @EncodedAsNull public var won_share: Double?
    }

    /// Accounts that pass every filter and exclude, by score: `from` ≤ score < `to` (the last
    /// bin includes 100).
    public struct ScoreBin: Sendable, Encodable {
        public let from: Double
        public let to: Double
        public let accounts: Int
        /// Won ones among them; nil without an outcome field.
        @EncodedAsNull public var won: Int?
    }

    /// A point of a cumulative gains curve: the share of all accounts taken, best first, and
    /// the share of all won accounts among them.
    public struct GainPoint: Sendable, Encodable, Equatable {
        public let accounts: Double
        public let won: Double
    }

    public struct Gains: Sendable, Encodable {
        /// Accounts by the ICP's score (those failing a filter or exclude last, as one group;
        /// equal scores as one straight segment, their order unknown).
        public let icp: [GainPoint]
        /// Every won account first.
        public let perfect: [GainPoint]
        public let random: [GainPoint]
        /// Where the qualifying accounts end: the preview's share and won coverage.
        public let qualified: GainPoint
    }

    /// A won account the ICP does not qualify. `key` and `name` are null with `--sensitive`.
    public struct OutsideAccount: Sendable, Encodable {
        @EncodedAsNull public var key: String?
        @EncodedAsNull public var name: String?
        public let score: Double
        /// What keeps it out.
        public let reason: String
    }

    /// Tiers (then `qualified` for an ICP without tiers), then `not qualified`; the outcome
    /// figures are zeros and nulls without an outcome field.
    public let groups: [Group]
    public let score_distribution: [ScoreBin]
    /// Nil without an outcome field or without won accounts.
    public let gains: Gains?
    /// The first won accounts outside, by score; nil without an outcome field.
    public let won_outside_sample: [OutsideAccount]?
    /// Decided accounts below which a win rate is a hint (``BacktestResult/minimumDecided``).
    public let small_sample: Int

    /// How many won accounts outside are listed.
    public static let sampleSize = 10
    /// Cumulative gains points kept at most (the curve's corners, thinned evenly beyond).
    static let maximumPoints = 200

    public init(icp: ICP, evaluation: ICPEvaluation, engine: Engine, sensitive: Bool) {
        let outcomes = engine.outcomeSets
        let total = evaluation.total
        let allWon = outcomes?.won.cardinality ?? 0
        func share(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }

        // One pass over the accounts that pass the gate: tier, score bin and gains group.
        var tierSets = Array(repeating: Bitset(count: total), count: evaluation.tiers.count)
        var scored: [(score: Double, won: Bool)] = []
        var bins = Array(repeating: (accounts: 0, won: 0), count: 10)
        let tierIndex = Dictionary(evaluation.tiers.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var untiered = Bitset(count: total)
        evaluation.gate.forEach { row in
            let score = evaluation.score(ofRow: row)
            let won = outcomes?.won.contains(row) ?? false
            scored.append((score, won))
            let bin = min(max(Int((score + ScoreMath.tolerance) / 10), 0), 9)
            bins[bin].accounts += 1
            if won { bins[bin].won += 1 }
            guard evaluation.qualified.contains(row) else { return }
            if let name = evaluation.tier(forScore: score), let index = tierIndex[name] { tierSets[index].insert(row) } else { untiered.insert(row) }
        }

        func group(_ name: String, qualified: Bool, minimum: Double?, rows: Bitset) -> Group {
            let count = rows.cardinality
            let won = outcomes.map { rows.intersectionCount($0.won) } ?? 0
            let lost = outcomes.map { rows.intersectionCount($0.lost.subtracting($0.won)) } ?? 0
            return Group(group: name, qualified: qualified, minimum: minimum, accounts: count, decided: won + lost, won: won,
                         win_rate: share(won, won + lost), account_share: share(count, total) ?? 0, won_share: share(won, allWon))
        }
        var groups = evaluation.tiers.enumerated().map { index, tier in
            group(tier.name, qualified: true, minimum: tier.minimum, rows: tierSets[index])
        }
        if evaluation.tiers.isEmpty || untiered.cardinality > 0 {
            groups.append(group("qualified", qualified: true, minimum: nil, rows: untiered))
        }
        groups.append(group("not qualified", qualified: false, minimum: nil, rows: evaluation.qualified.complement()))
        self.groups = groups
        score_distribution = bins.enumerated().map { index, bin in
            ScoreBin(from: Double(index * 10), to: Double(index * 10 + 10), accounts: bin.accounts, won: outcomes == nil ? nil : bin.won)
        }
        small_sample = BacktestResult.minimumDecided

        if let outcomes, allWon > 0, total > 0 {
            gains = Self.gains(scored: scored, total: total, allWon: allWon,
                               qualified: GainPoint(accounts: evaluation.share, won: Double(evaluation.qualified.intersectionCount(outcomes.won)) / Double(allWon)))
        } else {
            gains = nil
        }
        if outcomes != nil {
            let hidden = sensitive ? engine.identifyingColumns : []
            won_outside_sample = AccountList.accounts(.wonOutside, icp: icp, evaluation: evaluation, engine: engine, limit: Self.sampleSize, hiding: hidden).map { listed in
                    OutsideAccount(key: sensitive ? nil : engine.accountKey(listed.row),
                                   name: sensitive ? nil : engine.nameColumn?.text(atRow: listed.row),
                                   score: listed.score, reason: listed.reason)
                }
        } else {
            won_outside_sample = nil
        }
    }

    /// The curve through the corners of each run of equal scores, best first, then the accounts
    /// outside the gate as one run; thinned to ``maximumPoints``, keeping the qualified point.
    static func gains(scored: [(score: Double, won: Bool)], total: Int, allWon: Int, qualified: GainPoint) -> Gains {
        let ordered = scored.sorted { $0.score > $1.score }
        var points = [GainPoint(accounts: 0, won: 0)]
        var (taken, won) = (0, 0)
        var index = 0
        while index < ordered.count {
            let score = ordered[index].score
            while index < ordered.count, abs(ordered[index].score - score) <= ScoreMath.tolerance {
                taken += 1
                if ordered[index].won { won += 1 }
                index += 1
            }
            points.append(GainPoint(accounts: Double(taken) / Double(total), won: Double(won) / Double(allWon)))
        }
        if taken < total { points.append(GainPoint(accounts: 1, won: 1)) }
        if points.count > maximumPoints {
            let step = Double(points.count - 1) / Double(maximumPoints - 1)
            var kept = (0..<maximumPoints).map { points[Int((Double($0) * step).rounded())] }
            if !kept.contains(qualified), let at = kept.firstIndex(where: { $0.accounts > qualified.accounts }) { kept.insert(qualified, at: at) }
            points = kept
        }
        let perfect = [GainPoint(accounts: 0, won: 0), GainPoint(accounts: Double(allWon) / Double(total), won: 1), GainPoint(accounts: 1, won: 1)]
        return Gains(icp: points, perfect: perfect, random: [GainPoint(accounts: 0, won: 0), GainPoint(accounts: 1, won: 1)], qualified: qualified)
    }
}
