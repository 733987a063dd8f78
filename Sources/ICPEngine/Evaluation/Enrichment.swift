import ICPLanguage
/// What filling one field would be worth: the accounts missing it for which a value could
/// change the outcome, and, were each given a value that passes (an upper bound: the real
/// value may not), how many more would qualify and how many would move to a higher tier.
public struct FieldEnrichment: Sendable {
    public let field: String
    /// Accounts without a value for the field.
    public let missing: Int
    /// Accounts without it that pass every filter and exclude on the other fields: the ones
    /// worth enriching, since a value for this field alone can change their outcome.
    public let candidates: Bitset
    /// Candidates that do not qualify now and would, given a passing value.
    public let wouldQualify: Int
    /// Candidates that qualify now and would land in a higher tier, by that tier (ladder order).
    public let tierMoves: [(tier: String, count: Int)]

    /// "enrich `revenue_usd` for 412 accounts: up to 98 more would qualify, 31 would move to tier A"
    public var sentence: String {
        "enrich `\(field)` for \(CountFormat.grouped(candidates.cardinality)) account\(candidates.cardinality == 1 ? "" : "s"): \(consequences)"
    }

    /// "up to 98 more would qualify, 31 would move to tier A"
    public var consequences: String {
        var text = wouldQualify > 0 ? "up to \(CountFormat.grouped(wouldQualify)) more would qualify" : "none more would qualify"
        for move in tierMoves { text += ", \(CountFormat.grouped(move.count)) would move to tier \(move.tier)" }
        return text
    }
}

extension ICPEvaluation {
    /// For each field the ICP's parameters use (file order, each once; or only `field`), what
    /// filling it would be worth. Costs what scoring costs, twice per field; `qualifyingAtLeast`
    /// leaves out, at the cost of a few bitset operations, the fields that could not make that
    /// many more accounts qualify (the check's threshold, on every keystroke).
    public func enrichment(of field: String? = nil, qualifyingAtLeast minimum: Int = 0) -> [FieldEnrichment] {
        var seen = Set<String>()
        let fields = parameters.filter(\.fieldExists).map(\.field).filter { (field == nil || $0 == field) && seen.insert($0).inserted }
        return fields.compactMap { enrichment($0, minimum: minimum) }
    }

    /// The score `row` would have were `field` filled with a value that passes its parameters.
    public func bestScore(ofRow row: Int, filling field: String) -> Double {
        let subset = filled(DecayTerms.subset(of: row, in: scoreSets), field)
        if let decay, decay.rows.contains(row) || decay.terms.contains(where: { $0.field == field }) {
            return decay.score(row: row, subset: subset, scores: scores, fresh: field)
        }
        return scores.score(subset)
    }

    private func enrichment(_ field: String, minimum: Int) -> FieldEnrichment? {
        var others = Bitset.all(total)
        for outcome in parameters where outcome.field != field {
            switch outcome.mode {
            case .filter: others.formIntersection(outcome.matched)
            case .exclude: others = others.subtracting(outcome.matched)
            case .score: break
            }
        }
        let missing = (parameters.first { $0.field == field }?.present ?? Bitset.all(total)).complement()
        let candidates = others.intersection(missing)
        guard minimum <= 0 || candidates.subtracting(qualified).cardinality >= minimum else { return nil }
        if decay != nil {
            // Decaying points depend on each record's dates: the candidates one by one.
            var wouldQualify = 0
            var moves: [String: Int] = [:]
            candidates.forEach { row in
                let best = bestScore(ofRow: row, filling: field)
                if !qualified.contains(row) {
                    if ScoreMath.reaches(best, minScore) { wouldQualify += 1 }
                } else if let better = tierLadder.rank(for: best), better < (tierLadder.rank(for: score(ofRow: row)) ?? Int.max) {
                    moves[tierLadder.ordered[better].name.value, default: 0] += 1
                }
            }
            let tierMoves = tierLadder.ordered.compactMap { tier in moves[tier.name.value].map { (tier.name.value, $0) } }
            return FieldEnrichment(field: field, missing: missing.cardinality, candidates: candidates, wouldQualify: wouldQualify, tierMoves: tierMoves)
        }
        // The candidates grouped by subset of score parameters, as the evaluation scores them.
        let outside = ScorePartition.gateCounts(scoreSets: scoreSets, gate: candidates.subtracting(qualified))
        let wouldQualify = outside.reduce(0) { sum, entry in
            ScoreMath.reaches(scores.score(filled(entry.key, field)), minScore) ? sum + entry.value : sum
        }
        let inside = ScorePartition.gateCounts(scoreSets: scoreSets, gate: candidates.intersection(qualified))
        var moves: [String: Int] = [:]
        for (subset, count) in inside {
            let now = tierLadder.rank(for: scores.score(subset))
            let best = tierLadder.rank(for: scores.score(filled(subset, field)))
            if let best, best < (now ?? Int.max) { moves[tierLadder.ordered[best].name.value, default: 0] += count }
        }
        let tierMoves = tierLadder.ordered.compactMap { tier in moves[tier.name.value].map { (tier.name.value, $0) } }
        return FieldEnrichment(field: field, missing: missing.cardinality, candidates: candidates, wouldQualify: wouldQualify, tierMoves: tierMoves)
    }

    /// `subset` with every score parameter on `field` matched and none of them absent.
    private func filled(_ subset: UInt64, _ field: String) -> UInt64 {
        var subset = subset
        for (number, outcome) in parameters.filter({ $0.mode == .score }).enumerated() where outcome.field == field {
            if number < 64 { subset |= 1 << UInt64(number) }
            if let absence = scores.absent.firstIndex(of: number).map({ scores.weights.count + $0 }), absence < 64 {
                subset &= ~(1 << UInt64(absence))
            }
        }
        return subset
    }
}
