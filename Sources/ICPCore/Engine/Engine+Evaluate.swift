extension Engine {
    /// Evaluates `icp` over the accounts (and contacts, for personas). Incomplete parameters
    /// (missing field, mode or condition) are left out; a field that is not a column counts
    /// as missing in every record.
    public func evaluate(_ icp: ICP) -> ICPEvaluation {
        let total = accounts.rowCount
        let complete = icp.parameters.enumerated().filter { $0.element.isComplete }
        let matchSets = complete.map { _, parameter in
            accountsMatching(parameter.field?.value ?? "", parameter.condition?.value ?? .exists(true))
        }
        let modes = complete.map { $0.element.mode?.value ?? .filter }
        let weights = complete.map { $0.element.effectiveWeight }

        let scoring = ScoreSheet(matchSets: matchSets, modes: modes, weights: weights, rowCount: total)
        let scores = scoring.scores(leavingOut: nil)
        let passing = Self.rows(scores: scores, reaching: icp.minScore)
        let gate = Self.gate(matchSets: matchSets, modes: modes, leavingOut: nil, rowCount: total)
        let qualified = gate.intersection(passing)

        var running = Bitset.all(total)
        var outcomes: [ParameterOutcome] = []
        for (position, (index, parameter)) in complete.enumerated() {
            switch modes[position] {
            case .filter: running.formIntersection(matchSets[position])
            case .exclude: running = running.subtracting(matchSets[position])
            case .score: break
            }
            let without: Int = switch modes[position] {
            case .score:
                gate.intersectionCount(Self.rows(scores: scoring.scores(leavingOut: position), reaching: icp.minScore))
            case .filter, .exclude:
                Self.gate(matchSets: matchSets, modes: modes, leavingOut: position, rowCount: total).intersectionCount(passing)
            }
            let field = parameter.field?.value ?? ""
            outcomes.append(ParameterOutcome(
                index: index, field: field, mode: modes[position], weight: weights[position],
                matched: matchSets[position], remaining: running.cardinality, without: without,
                fieldExists: accounts.column(named: field) != nil
            ))
        }

        let ladder = TierLadder(icp.tiers)
        var tierCounts: [String: Int] = [:]
        qualified.forEach { row in
            if let tier = ladder.tier(for: scores[row]) { tierCounts[tier, default: 0] += 1 }
        }
        let tiers = icp.tiers.map { TierOutcome(name: $0.name.value, minimum: $0.minimum, count: tierCounts[$0.name.value] ?? 0) }

        return ICPEvaluation(
            total: total,
            parameters: outcomes,
            scores: scores,
            gate: gate,
            qualified: qualified,
            tiers: tiers,
            personas: icp.personas.map { evaluate($0, accountsQualifying: qualified) },
            outcomes: outcomeSets?.metrics(for: qualified),
            enriched: enrichedShare(of: qualified, fields: complete.compactMap { $0.element.field?.value }),
            lastThirtyDays: lastThirtyDays(of: qualified),
            tierLadder: ladder
        )
    }

    /// Records passing every filter and no exclude, leaving out the parameter at `skipped`.
    static func gate(matchSets: [Bitset], modes: [ParameterMode], leavingOut skipped: Int?, rowCount: Int) -> Bitset {
        var gate = Bitset.all(rowCount)
        for (position, set) in matchSets.enumerated() where position != skipped {
            switch modes[position] {
            case .filter: gate.formIntersection(set)
            case .exclude: gate = gate.subtracting(set)
            case .score: break
            }
        }
        return gate
    }

    static func rows(scores: [Double], reaching threshold: Double) -> Bitset {
        var set = Bitset(count: scores.count)
        if threshold <= 0 { return .all(scores.count) }
        for (row, score) in scores.enumerated() where ScoreMath.reaches(score, threshold) { set.insert(row) }
        return set
    }

    private func enrichedShare(of qualified: Bitset, fields: [String]) -> Double? {
        let count = qualified.cardinality
        guard count > 0 else { return nil }
        var enriched = qualified
        for field in Set(fields) { enriched.formIntersection(presence(field, in: accounts, cache: accountMatches)) }
        return Double(enriched.cardinality) / Double(count)
    }

    private func lastThirtyDays(of qualified: Bitset) -> [Int]? {
        guard let field = settings.createdField, let column = accounts.column(named: field),
              case .date(let days) = column.cells else { return nil }
        let first = settings.asOf.daysSinceEpoch - 29
        var counts = [Int](repeating: 0, count: 30)
        qualified.forEach { row in
            let code = Int(column.codes[row])
            guard code != 0 else { return }
            let offset = Int(days[code]) - first
            if offset >= 0, offset < 30 { counts[offset] += 1 }
        }
        return counts
    }

    private func evaluate(_ persona: Persona, accountsQualifying qualified: Bitset) -> PersonaOutcome {
        let code = persona.code?.value ?? ""
        guard let contacts, let accountRowOfContact else {
            return PersonaOutcome(code: code, name: persona.name, contacts: nil, accounts: nil)
        }
        let complete = persona.parameters.filter(\.isComplete)
        let matchSets = complete.map { matches($0.field?.value ?? "", $0.condition?.value ?? .exists(true), in: contacts, cache: contactMatches) }
        let modes = complete.map { $0.mode?.value ?? .filter }
        let scoring = ScoreSheet(matchSets: matchSets, modes: modes, weights: complete.map(\.effectiveWeight), rowCount: contacts.rowCount)
        let qualifying = Self.gate(matchSets: matchSets, modes: modes, leavingOut: nil, rowCount: contacts.rowCount)
            .intersection(Self.rows(scores: scoring.scores(leavingOut: nil), reaching: persona.minScore))
        var accountsReached = Bitset(count: accounts.rowCount)
        var contactCount = 0
        qualifying.forEach { row in
            let account = Int(accountRowOfContact[row])
            if account >= 0, qualified.contains(account) {
                contactCount += 1
                accountsReached.insert(account)
            }
        }
        return PersonaOutcome(code: code, name: persona.name, contacts: contactCount, accounts: accountsReached.cardinality)
    }
}

/// Per-record scores from the score parameters' match sets (SPEC §3).
struct ScoreSheet {
    let matchSets: [Bitset]
    let modes: [ParameterMode]
    let weights: [Double]
    let rowCount: Int

    /// `100 * matched weight / total weight` per record (100 everywhere with no score parameter),
    /// leaving out the parameter at `skipped`.
    func scores(leavingOut skipped: Int?) -> [Double] {
        let scored = modes.indices.filter { modes[$0] == .score && $0 != skipped }
        let total = scored.reduce(0.0) { $0 + weights[$1] }
        guard total > 0 else { return [Double](repeating: 100, count: rowCount) }
        var sums = [Double](repeating: 0, count: rowCount)
        for position in scored {
            let weight = weights[position]
            matchSets[position].forEach { sums[$0] += weight }
        }
        return sums.map { 100 * $0 / total }
    }
}
