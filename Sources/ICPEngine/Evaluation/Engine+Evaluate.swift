import ICPLanguage
extension Engine {
    /// Evaluates `icp` over the accounts (and contacts, for personas). Incomplete parameters
    /// (missing field, mode or condition) are left out; a field that is not a column counts
    /// as missing in every record.
    ///
    /// Cost after the first evaluation: the match sets come from the cache, so a keystroke pays
    /// for one column scan (the edited condition, if new) and word-wide bitset arithmetic.
    public func evaluate(_ icp: ICP) -> ICPEvaluation {
        // Never stopped: the evaluation always comes.
        evaluate(icp, stops: { false })!
    }

    /// ``evaluate(_:)``, stopped between parameters (each may scan a column) once the task it
    /// runs in is cancelled: a keystroke a newer one supersedes stops its evaluation. Nil then.
    public func evaluateUnlessCancelled(_ icp: ICP) -> ICPEvaluation? {
        evaluate(icp, stops: { Task.isCancelled })
    }

    private func evaluate(_ icp: ICP, stops: () -> Bool) -> ICPEvaluation? {
        let total = accounts.rowCount
        let complete = icp.parameters.enumerated().filter { $0.element.isComplete }
        accounts.prefetch(complete.compactMap { $0.element.field?.value })
        var bound: [(matches: Bitset, absent: Bitset?)] = []
        for (_, parameter) in complete {
            if stops() { return nil }
            bound.append(bind(parameter, in: accounts, cache: accountMatches))
        }
        if stops() { return nil }
        let matchSets = bound.map(\.matches)
        let modes = complete.map { $0.element.mode?.value ?? .filter }
        let weights = complete.map { $0.element.effectiveWeight }
        let gates = Gates(matchSets: matchSets, modes: modes, rowCount: total)
        let gate = gates.all
        let decay = decayTerms(complete.map(\.element), matchSets: matchSets)
        let scoring = Scoring(matchSets: matchSets, absentSets: bound.map(\.absent), modes: modes, weights: weights, gate: gate, minScore: icp.minScore,
                              rowCount: total, decay: decay)
        let qualified = gate.intersection(scoring.passing)

        var outcomes: [ParameterOutcome] = []
        for (position, (index, parameter)) in complete.enumerated() {
            let without: Int = switch modes[position] {
            case .score: scoring.qualifiedCount(leavingOut: position)
            case .filter, .exclude: gates.leavingOut(position).intersectionCount(scoring.passing)
            }
            let field = parameter.field?.value ?? ""
            outcomes.append(ParameterOutcome(
                index: index, field: field, mode: modes[position], weight: weights[position],
                matched: matchSets[position], remaining: gates.remaining(through: position), without: without,
                fieldExists: accounts.column(named: field) != nil, missing: parameter.missingPolicy(default: settings.missingPolicy),
                present: presence(field, in: accounts, cache: accountMatches)
            ))
        }

        let ladder = TierLadder(icp.tiers)
        var tierCounts: [String: Int] = [:]
        for (subset, count) in scoring.partition.gateCounts {
            let score = scoring.scores.score(subset)
            guard ScoreMath.reaches(score, icp.minScore), let tier = ladder.tier(for: score) else { continue }
            tierCounts[tier, default: 0] += count
        }
        for (row, subset) in scoring.decayedGate {
            let score = decay?.score(row: row, subset: subset, scores: scoring.scores) ?? 0
            guard ScoreMath.reaches(score, icp.minScore), let tier = ladder.tier(for: score) else { continue }
            tierCounts[tier, default: 0] += 1
        }
        let tiers = icp.tiers.map { TierOutcome(name: $0.name.value, minimum: $0.minimum, count: tierCounts[$0.name.value] ?? 0) }

        return ICPEvaluation(
            total: total,
            parameters: outcomes,
            scoreSets: scoring.partitionSets,
            scores: scoring.scores,
            gate: gate,
            qualified: qualified,
            tiers: tiers,
            personas: icp.personas.map { evaluate($0, accountsQualifying: qualified) },
            outcomes: outcomeSets?.metrics(for: qualified),
            enriched: enrichedShare(of: qualified, fields: complete.compactMap { $0.element.field?.value }),
            lastThirtyDays: dayRows()?.map { qualified.intersectionCount($0) },
            synced: syncedRows().map { qualified.intersectionCount($0) },
            lastQualified: newestCreated(among: qualified),
            tierLadder: ladder,
            minScore: icp.minScore,
            decay: decay
        )
    }

    /// The decaying score parameters among `parameters` (complete ones, in file order).
    private func decayTerms(_ parameters: [Parameter], matchSets: [Bitset]) -> DecayTerms? {
        var terms: [DecayTerms.Term] = []
        var scoreNumber = 0
        for (position, parameter) in parameters.enumerated() where parameter.mode?.value == .score {
            defer { scoreNumber += 1 }
            guard let halfLife = parameter.decay?.value else { continue }
            let field = parameter.field?.value ?? ""
            let column = accounts.column(named: field)
            var days: [Int32]?
            if case .date(let values)? = column?.cells { days = values }
            terms.append(DecayTerms.Term(scoreIndex: scoreNumber, field: field, matched: matchSets[position],
                                         codes: days == nil ? nil : column?.codes, days: days, halfLife: halfLife))
        }
        return DecayTerms(terms, asOf: settings.asOf, rowCount: accounts.rowCount)
    }

    /// A complete parameter's records under its `missing` policy: `matches`, what counts as met
    /// (for `pass`, and for a neutral filter, the records without a value too), and for a
    /// neutral score parameter, `absent`: the records whose total leaves its weight out.
    func bind(_ parameter: Parameter, in store: ColumnStore, cache: MatchCache) -> (matches: Bitset, absent: Bitset?) {
        let field = parameter.field?.value ?? ""
        let matches = matches(field, parameter.condition?.value ?? .exists(true), in: store, cache: cache)
        let policy = parameter.missingPolicy(default: settings.missingPolicy)
        guard policy != .fail else { return (matches, nil) }
        let absent = presence(field, in: store, cache: cache).complement()
        switch (policy, parameter.mode?.value ?? .filter) {
        case (.pass, _), (.neutral, .filter): return (matches.union(absent), nil)
        case (.neutral, .exclude): return (matches.subtracting(absent), nil)
        case (.neutral, .score): return (matches.subtracting(absent), absent)
        case (.fail, _): return (matches, nil)
        }
    }

    private func enrichedShare(of qualified: Bitset, fields: [String]) -> Double? {
        let count = qualified.cardinality
        guard count > 0 else { return nil }
        var enriched = qualified
        for field in Set(fields) { enriched.formIntersection(presence(field, in: accounts, cache: accountMatches)) }
        return Double(enriched.cardinality) / Double(count)
    }

    private func evaluate(_ persona: Persona, accountsQualifying qualified: Bitset) -> PersonaOutcome {
        let code = persona.code?.value ?? ""
        guard let contacts, let accountRowOfContact else {
            return PersonaOutcome(code: code, name: persona.name, contacts: nil, accounts: nil)
        }
        let complete = persona.parameters.filter(\.isComplete)
        let bound = complete.map { bind($0, in: contacts, cache: contactMatches) }
        let matchSets = bound.map(\.matches)
        let modes = complete.map { $0.mode?.value ?? .filter }
        let gate = Gates(matchSets: matchSets, modes: modes, rowCount: contacts.rowCount).all
        let scoring = Scoring(matchSets: matchSets, absentSets: bound.map(\.absent), modes: modes, weights: complete.map(\.effectiveWeight),
                              gate: gate, minScore: persona.minScore, rowCount: contacts.rowCount)
        var accountsReached = Bitset(count: accounts.rowCount)
        var contactCount = 0
        gate.intersection(scoring.passing).forEach { row in
            let account = Int(accountRowOfContact[row])
            if account >= 0, qualified.contains(account) {
                contactCount += 1
                accountsReached.insert(account)
            }
        }
        return PersonaOutcome(code: code, name: persona.name, contacts: contactCount, accounts: accountsReached.cardinality)
    }
}

/// Filters and excludes combined: the gate, the running funnel, and the gate without any one of them.
///
/// Memory stays O(records) whatever the number of parameters: instead of the gate of every
/// prefix, it keeps the records that fail at least one parameter and those that fail two or
/// more. Leaving parameter i out lets back exactly the records whose only failure is i.
struct Gates {
    /// Records passing every filter and no exclude.
    let all: Bitset
    /// `remainingCounts[i]`: records passing the filters and excludes among the first i + 1 parameters.
    private let remainingCounts: [Int]
    /// Records that fail exactly one filter or exclude.
    private let failingOnce: Bitset
    private let matchSets: [Bitset]
    private let modes: [ParameterMode]

    init(matchSets: [Bitset], modes: [ParameterMode], rowCount: Int) {
        self.matchSets = matchSets
        self.modes = modes
        var passing = Bitset.all(rowCount)
        var failedOnce = Bitset(count: rowCount)
        var failedTwice = Bitset(count: rowCount)
        var counts: [Int] = []
        counts.reserveCapacity(matchSets.count)
        for position in matchSets.indices {
            if let failing = Self.failing(matchSets[position], modes[position]) {
                failedTwice.formUnion(failedOnce.intersection(failing))
                failedOnce.formUnion(failing)
                passing = passing.subtracting(failing)
            }
            counts.append(passing.cardinality)
        }
        all = passing
        remainingCounts = counts
        failingOnce = failedOnce.subtracting(failedTwice)
    }

    /// The records a parameter rules out: those a filter does not match, those an exclude matches.
    private static func failing(_ matches: Bitset, _ mode: ParameterMode) -> Bitset? {
        switch mode {
        case .filter: matches.complement()
        case .exclude: matches
        case .score: nil
        }
    }

    /// Records passing every filter and exclude up to and including `position`.
    func remaining(through position: Int) -> Int { remainingCounts[position] }

    /// The gate with the parameter at `position` removed.
    func leavingOut(_ position: Int) -> Bitset {
        guard let failing = Self.failing(matchSets[position], modes[position]) else { return all }
        return all.union(failingOnce.intersection(failing))
    }
}

/// The score side of an evaluation: the score parameters' sets, scores by subset, and which records reach `min_score`.
struct Scoring {
    /// For each parameter (among all), its number among the score parameters; nil for filters and excludes.
    let scoreIndex: [Int?]
    /// The score parameters' match sets, then the absence sets of the neutral ones: the sets
    /// whose membership makes a record's subset (``SubsetScore``).
    let partitionSets: [Bitset]
    let scores: SubsetScore
    let partition: ScorePartition
    let minScore: Double
    /// Each subset of the gate with its record count, earned weight and total weight: leaving
    /// one parameter out then costs O(1) per subset, not a sum over every weight.
    private let subsets: [(subset: UInt64, count: Int, earned: Double, total: Double)]
    private let decay: DecayTerms?
    /// The records of the gate that match a decaying parameter, each with its subset: scored one by one.
    let decayedGate: [(row: Int, subset: UInt64)]
    /// Every record (gate or not) whose score reaches `min_score`.
    let passing: Bitset

    /// `absentSets[i]`: for a neutral score parameter, the records without its value.
    init(matchSets: [Bitset], absentSets: [Bitset?], modes: [ParameterMode], weights: [Double], gate: Bitset, minScore: Double, rowCount: Int,
         decay: DecayTerms? = nil) {
        let scored = modes.indices.filter { modes[$0] == .score }
        var scoreIndex = [Int?](repeating: nil, count: modes.count)
        for (number, position) in scored.enumerated() { scoreIndex[position] = number }
        self.scoreIndex = scoreIndex
        let neutral = scored.indices.filter { absentSets[scored[$0]] != nil }
        partitionSets = scored.map { matchSets[$0] } + neutral.compactMap { absentSets[scored[$0]] }
        let scores = SubsetScore(weights: scored.map { weights[$0] }, absent: neutral)
        self.scores = scores
        self.minScore = minScore
        let subsetGate = decay.map { gate.subtracting($0.rows) } ?? gate
        let partition = ScorePartition(scoreSets: partitionSets, gate: subsetGate, rowCount: rowCount) { ScoreMath.reaches(scores.score($0), minScore) }
        self.partition = partition
        subsets = partition.gateCounts.map { ($0.key, $0.value, scores.earned($0.key), scores.total($0.key)) }
        self.decay = decay
        guard let decay else {
            decayedGate = []
            passing = partition.passing
            return
        }
        var decayedPassing = Bitset(count: rowCount)
        var decayedGate: [(row: Int, subset: UInt64)] = []
        let partitionSets = partitionSets
        decay.rows.forEach { row in
            let subset = DecayTerms.subset(of: row, in: partitionSets)
            if ScoreMath.reaches(decay.score(row: row, subset: subset, scores: scores), minScore) { decayedPassing.insert(row) }
            if gate.contains(row) { decayedGate.append((row, subset)) }
        }
        self.decayedGate = decayedGate
        passing = partition.passing.subtracting(decay.rows).union(decayedPassing)
    }

    /// Records of the gate that would qualify without the parameter at `position` (among all parameters).
    func qualifiedCount(leavingOut position: Int) -> Int {
        let index = position >= 0 && position < scoreIndex.count ? scoreIndex[position] : nil
        let decayed = decay.map { decay in
            decayedGate.filter { ScoreMath.reaches(decay.score(row: $0.row, subset: $0.subset, scores: scores, leavingOut: index), minScore) }.count
        } ?? 0
        guard let index else {
            return decayed + subsets.reduce(0) { ScoreMath.reaches(scores.score($1.subset), minScore) ? $0 + $1.count : $0 }
        }
        let weight = scores.weights[index]
        return subsets.reduce(0) { sum, entry in
            let earned = entry.earned - (SubsetScore.contains(entry.subset, index) ? weight : 0)
            let total = entry.total - (scores.isAbsent(entry.subset, index) ? 0 : weight)
            let score = total > 0 ? 100 * earned / total : 100
            return ScoreMath.reaches(score, minScore) ? sum + entry.count : sum
        } + decayed
    }
}
