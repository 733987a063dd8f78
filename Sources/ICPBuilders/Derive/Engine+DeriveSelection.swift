import FoundationEssentials
import ICPLanguage
import ICPEngine

extension Engine {
    /// The strongest proposals that say different things, at most `limit`, filters first, then
    /// scores, then excludes; and a note for each proposal left out.
    func choose(_ proposals: [DerivedParameter], sets: DeriveSets, rules: DeriveRules, limit: Int) -> (chosen: [DerivedParameter], leftOut: [LeftOutField]) {
        let ranked = proposals.sorted {
            $0.strength != $1.strength ? $0.strength > $1.strength : ($0.field != $1.field ? $0.field < $1.field : $0.mode.rawValue < $1.mode.rawValue)
        }
        let decided = sets.decided
        var chosen: [(parameter: DerivedParameter, matched: Bitset)] = []
        var leftOut: [LeftOutField] = []
        for proposal in ranked {
            let matched = accountsMatching(proposal.field, proposal.condition).intersection(decided)
            let rule = "its \(proposal.mode.rawValue) rule (\(proposal.evidence.summary))"
            if chosen.count >= limit {
                leftOut.append(LeftOutField(field: proposal.field, reason: "\(rule) is weaker than the \(limit) chosen (--max-parameters)"))
                continue
            }
            let twin = chosen.lazy.map { ($0.parameter.field, Self.phi($0.matched, matched, within: decided)) }.first { abs($0.1) >= rules.redundancy }
            if let (field, phi) = twin {
                let other = field == proposal.field ? "its own rule on the other side" : field
                leftOut.append(LeftOutField(field: proposal.field, reason: "\(rule) says the same as \(other) (phi \(CountFormat.decimal(phi, digits: 2)))"))
                continue
            }
            chosen.append((proposal, matched))
        }
        let order: [ParameterMode: Int] = [.filter: 0, .score: 1, .exclude: 2]
        let parameters = chosen.map(\.parameter).enumerated().sorted {
            order[$0.element.mode, default: 3] != order[$1.element.mode, default: 3] ? order[$0.element.mode, default: 3] < order[$1.element.mode, default: 3] : $0.offset < $1.offset
        }.map(\.element)
        return (parameters, leftOut)
    }

    /// The correlation (phi) of membership in two sets over the accounts of `universe`.
    static func phi(_ first: Bitset, _ second: Bitset, within universe: Bitset) -> Double {
        let both = Double(first.intersectionCount(second))
        let onlyFirst = Double(first.cardinality) - both
        let onlySecond = Double(second.cardinality) - both
        let neither = Double(universe.cardinality) - both - onlyFirst - onlySecond
        let denominator = ((both + onlyFirst) * (onlySecond + neither) * (both + onlySecond) * (onlyFirst + neither)).squareRoot()
        return denominator > 0 ? (both * neither - onlyFirst * onlySecond) / denominator : 0
    }

    /// `min_score`, tiers and the gains table from the scores of training accounts that pass the
    /// filters and excludes. Among the cuts keeping at least `coverage` of the won accounts, the
    /// cut is the one whose decided accounts at or above it have the highest lower bound of their
    /// win rate (95% Wilson), so a cut resting on a handful of accounts does not win by luck.
    /// Tiers split the won accounts that qualify into thirds: A from the top third's scores, B the
    /// middle, C from the cut.
    func scoreCut(_ parameters: [DerivedParameter], sets: DeriveSets, rules: DeriveRules, coverage: Double)
        -> (minScore: Double, tiers: [(name: String, minimum: Double)], gains: [GainsRow]) {
        guard parameters.contains(where: { $0.mode == .score }) else { return (0, [], []) }
        let evaluation = evaluate(Derivation.model(code: "derived", parameters: parameters, minScore: 0, tiers: []))
        var byScore: [Double: (accounts: Int, tally: OutcomeTally)] = [:]
        var wonScores: [Double] = []
        evaluation.gate.intersection(sets.training).forEach { row in
            let score = evaluation.score(ofRow: row)
            let isWon = sets.won.contains(row)
            let isLost = !isWon && sets.lost.contains(row)
            byScore[score, default: (0, OutcomeTally())].accounts += 1
            byScore[score, default: (0, OutcomeTally())].tally += OutcomeTally(won: isWon ? 1 : 0, lost: isLost ? 1 : 0)
            if isWon { wonScores.append(score) }
        }
        let scores = byScore.keys.sorted(by: >)
        guard !scores.isEmpty else { return (0, [], []) }
        var running = OutcomeTally()
        var accounts = 0
        var cut = scores[scores.count - 1]
        var bestBound = -1.0
        var gains: [GainsRow] = []
        let training = max(sets.training.cardinality, 1)
        for (index, score) in scores.enumerated() {
            running += byScore[score]?.tally ?? OutcomeTally()
            accounts += byScore[score]?.accounts ?? 0
            gains.append(GainsRow(minScore: Self.threshold(reaching: score, above: index + 1 < scores.count ? scores[index + 1] : nil),
                                  accounts: accounts, tally: running, accountShare: Double(accounts) / Double(training),
                                  wonShare: Double(running.won) / Double(max(sets.total.won, 1)),
                                  lift: running.winRate.flatMap { rate in sets.total.winRate.map { rate / max($0, .leastNonzeroMagnitude) } }))
            guard running.won >= rules.minimumWon, Double(running.won) >= coverage * Double(sets.total.won),
                  let bound = running.winRateInterval?.lowerBound, bound > bestBound else { continue }
            bestBound = bound
            cut = score
        }
        let below = scores.first { $0 < cut }
        let minScore = Self.threshold(reaching: cut, above: below)
        let qualifiedWon = wonScores.filter { ScoreMath.reaches($0, minScore) }.sorted()
        var tiers: [(name: String, minimum: Double)] = [("C", minScore)]
        if !qualifiedWon.isEmpty {
            for (name, share) in [("B", 1.0 / 3), ("A", 2.0 / 3)] {
                let score = qualifiedWon[min(qualifiedWon.count - 1, Int(share * Double(qualifiedWon.count)))]
                let minimum = score.rounded(.down)
                if minimum > (tiers.last?.minimum ?? 0) { tiers.append((name, minimum)) }
            }
        }
        // Named from the top: A, B, C when there are three; A, B when two; A alone when one.
        let names = ["A", "B", "C"]
        return (minScore, tiers.reversed().enumerated().map { (names[$0.offset], $0.element.minimum) }, gains)
    }

    /// A round threshold that `cut` reaches and `below` (the next lower score) does not: a whole
    /// number where one fits, else one decimal, else the cut itself.
    static func threshold(reaching cut: Double, above below: Double?) -> Double {
        guard let below else { return 0 }
        for candidate in [cut.rounded(.down), (cut * 10).rounded(.down) / 10] where !ScoreMath.reaches(below, candidate) && ScoreMath.reaches(cut, candidate) {
            return candidate
        }
        return cut
    }
}
