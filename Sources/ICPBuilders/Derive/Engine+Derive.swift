import FoundationEssentials
import ICPLanguage
import ICPEngine
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Engine {
    /// Proposes an ICP from the outcomes of the training accounts (Documentation/derive.md): for
    /// each usable column the values or range most over-represented among won accounts, and
    /// those over-represented among lost ones; the strongest that say different things, each with
    /// its mode and weight; a score cut and tiers from the won accounts' scores. Nil when the
    /// workspace names no outcome column. The same data and options give the same proposal.
    public func derive(_ options: DeriveOptions) -> Derivation? {
        guard let outcomes = outcomeSets else { return nil }
        var training = options.since.map { rows(in: .createdOnOrAfter($0)) } ?? .all(accounts.rowCount)
        if let held = options.heldOut {
            training = training.subtracting(rows(in: .holdout(fraction: held.fraction, seed: held.seed)))
        }
        let won = outcomes.won.intersection(training)
        let lost = (options.churnedAsLost ? outcomes.lost.union(outcomes.churned) : outcomes.lost).intersection(training).subtracting(won)
        let sets = DeriveSets(training: training, won: won, lost: lost, lostLabel: outcomes.lost.intersection(training).subtracting(won))
        let total = sets.total
        let rules = DeriveRules(totalWon: total.won)
        guard total.won >= rules.minimumWon, total.lost >= rules.minimumWon else {
            let caution = "too few decided accounts to derive from: \(CountFormat.grouped(total.won)) won and \(CountFormat.grouped(total.lost)) lost; at least \(rules.minimumWon) of each are needed"
            return Derivation(parameters: [], minScore: 0, tiers: [], leftOut: [], total: total, trainingAccounts: training.cardinality,
                              minimumWon: rules.minimumWon, caution: caution)
        }
        var leftOut: [LeftOutField] = []
        var dataQuality: [LeftOutField] = []
        var proposals: [DerivedParameter] = []
        for column in accounts.columns {
            if let reason = reasonToSkip(column, options: options, rules: rules) {
                leftOut.append(LeftOutField(field: column.name, reason: reason))
                continue
            }
            let tallies = CodeTallies(column: column, sets: sets)
            let categories = Category.of(column)
            if let leak = leak(in: column, categories: categories, tallies: tallies, total: total, rules: rules) {
                leftOut.append(LeftOutField(field: column.name, reason: leak))
                continue
            }
            let timing = timingTrend(of: column, tallies: tallies, rules: rules)
            if let timing, !options.allowTiming {
                leftOut.append(LeftOutField(field: column.name, reason: "timing, not fit: \(timing.description); --allow-timing uses it anyway"))
                continue
            }
            let presence = PresenceEffect(tallies: tallies, total: total, rules: rules)
            if let presence { dataQuality.append(LeftOutField(field: column.name, reason: presence.description)) }
            var found = candidates(for: column, categories: categories, tallies: tallies, sets: sets, rules: rules, measuredAmongFilled: presence != nil)
            if let timing { found = found.map { $0.noting("timing: \(timing.description) (kept: --allow-timing)") } }
            let (kept, caution) = guarded(found, column: column, sets: sets, rules: rules, allowTiming: options.allowTiming)
            if let caution { leftOut.append(LeftOutField(field: column.name, reason: caution)) }
            if found.isEmpty {
                let reason = presence == nil ? "no value or range stands out among won or lost accounts"
                    : "only whether it is filled tells won from lost (see data quality); among accounts with a value, no value or range stands out"
                leftOut.append(LeftOutField(field: column.name, reason: reason))
            }
            proposals += kept
        }
        let (chosen, dropped) = choose(proposals, sets: sets, rules: rules, limit: max(1, options.maximumParameters))
        leftOut += dropped
        let cut = scoreCut(chosen, sets: sets, rules: rules, coverage: options.coverage)
        return Derivation(parameters: chosen, minScore: cut.minScore, tiers: cut.tiers, leftOut: leftOut, dataQuality: dataQuality, gains: cut.gains,
                          total: total, trainingAccounts: training.cardinality, minimumWon: rules.minimumWon, caution: nil)
    }

    /// The rules of one column that survive the guards on what a rule means: codes that need
    /// another column, and the newest dates whose accounts have had no time to reach an outcome
    /// (kept with a note under `allowTiming`); with the reason the first rule left out gives.
    private func guarded(_ found: [DerivedParameter], column: Column, sets: DeriveSets, rules: DeriveRules,
                         allowTiming: Bool) -> (kept: [DerivedParameter], caution: String?) {
        var kept: [DerivedParameter] = []
        var caution: String?
        for parameter in found {
            if let why = pairedCodeCaution(parameter, column: column, rules: rules) {
                caution = caution ?? why
            } else if let why = recencyCaution(parameter, column: column, sets: sets, rules: rules) {
                if allowTiming { kept.append(parameter.noting("timing: \(why) (kept: --allow-timing)")) } else {
                    caution = caution ?? "timing, not fit: \(why); --allow-timing uses it anyway"
                }
            } else {
                kept.append(parameter)
            }
        }
        return (kept, caution)
    }

    /// How a date column's win rate follows account age, or a year column's (a founding year);
    /// nil when it does not (``TimingTrend``).
    private func timingTrend(of column: Column, tallies: CodeTallies, rules: DeriveRules) -> TimingTrend? {
        switch column.cells {
        case .date: TimingTrend(column: column, tallies: tallies, rules: rules, isYear: false)
        case .number where TimingTrend.holdsYears(column, asOf: settings.asOf): TimingTrend(column: column, tallies: tallies, rules: rules, isYear: true)
        default: nil
        }
    }

    /// Why a column is never a parameter: it is the outcome, a key, ignored, or names accounts.
    private func reasonToSkip(_ column: Column, options: DeriveOptions, rules: DeriveRules) -> String? {
        if column.name == settings.outcome?.field { return "the outcome itself" }
        if column.name == settings.accountIDField { return "the account key" }
        if column.name == settings.createdField { return "the created date key" }
        if options.ignoredFields.contains(column.name) { return "ignored (--ignore)" }
        if column.presentCount == 0 { return "always empty" }
        if case .text = column.cells, column.presentCount >= 20, Double(column.values.count - 1) > rules.uniqueShare * Double(column.presentCount) {
            return "nearly unique per account (\(CountFormat.grouped(column.values.count - 1)) values in \(CountFormat.grouped(column.presentCount)) accounts): it names accounts rather than describing them"
        }
        return nil
    }

    /// A value most won accounts hold and (nearly) no account with the lost label does: the
    /// column records the outcome (a customer flag, a customer-since date) rather than predicting it.
    private func leak(in column: Column, categories: [Category], tallies: CodeTallies, total: OutcomeTally, rules: DeriveRules) -> String? {
        let units: [(text: String, codes: [Int])] = switch column.cells {
        case .number, .date: [("any value", Array(1..<max(column.values.count, 1)))]
        default: categories.map { ($0.text, $0.codes) }
        }
        for unit in units {
            let (outcome, lostLabel) = tallies.tally(of: unit.codes)
            let held = outcome.won + lostLabel
            guard outcome.won >= rules.minimumWon, Double(outcome.won) >= rules.leakWonShare * Double(total.won), held > 0,
                  Double(lostLabel) <= rules.leakLostShare * Double(held) else { continue }
            return "`\(unit.text)` is held by \(CountFormat.grouped(outcome.won)) won accounts (\(CountFormat.percent(Double(outcome.won) / Double(total.won), digits: 0))) and \(CountFormat.grouped(lostLabel)) lost: it restates the outcome rather than predicting it"
        }
        return nil
    }

    /// The best positive and negative rule of one column, measured with the engine's own match sets;
    /// `measuredAmongFilled`, against the accounts where the column is filled, so that a rule must
    /// stand out among the accounts that have a value, not merely against the empty ones.
    private func candidates(for column: Column, categories: [Category], tallies: CodeTallies, sets: DeriveSets, rules: DeriveRules,
                            measuredAmongFilled: Bool) -> [DerivedParameter] {
        let all = sets.total
        let total = measuredAmongFilled ? all - tallies.outcome[0] : all
        var conditions: [(Condition, ParameterMode, notes: [String])] = []
        func value(_ text: String) -> ConditionValue { ConditionValue(text: text, range: SourceRange(at: .start), isQuoted: false) }
        switch column.cells {
        case .number, .date:
            let split = RangeSplit(column: column, tallies: tallies, total: total, rules: rules, asOf: settings.asOf)
            for (side, mode) in [(split.positive, ParameterMode.score), (split.negative, .exclude)] {
                guard let side else { continue }
                switch side.bound {
                case .withinDays(let days): conditions.append((.withinDays(days), mode, []))
                case .range(let min, let max): conditions.append((.range(min: min.map(value), max: max.map(value)), mode, []))
                }
            }
        case .text, .boolean, .list, .range:
            let split = CategorySplit(categories: categories, tallies: tallies, total: total, rules: rules)
            let isList = if case .list = column.cells { true } else { false }
            for (side, mode) in [(split.positive, ParameterMode.score), (split.negative, .exclude)] {
                guard let side else { continue }
                let values = side.categories.map { value($0.text) }
                var notes: [String] = []
                if !side.others.isEmpty {
                    let named = side.others.prefix(5).map(\.text).joined(separator: ", ")
                    let more = side.others.count > 5 ? ", +\(side.others.count - 5) more" : ""
                    notes.append("also \(mode == .exclude ? "below" : "above") the baseline, left out to keep the list short: \(named)\(more)")
                }
                if isList, let note = ValueGroups(side.categories, column: column).note { notes.append(note) }
                conditions.append((values.count == 1 && !isList ? .equals(values[0]) : .oneOf(values), mode, notes))
            }
        }
        return conditions.compactMap { condition, mode, notes in
            let inside = sets.tally(accountsMatching(column.name, condition))
            let evidence = DeriveEvidence(inside: inside, total: all)
            let terms = if case .range(_?, _?) = condition { 2 } else { max(1, condition.values.count) }
            let strength = DeriveRules.strength(inside, total: total, terms: terms)
            guard strength >= rules.minimumStrength else { return nil }
            var notes = notes
            if measuredAmongFilled { notes.insert("among accounts with a value: \(DeriveEvidence(inside: inside, total: total).summary)", at: 0) }
            if mode == .exclude {
                guard rules.isExclusion(inside, total: total) else { return nil }
                return DerivedParameter(field: column.name, mode: .exclude, condition: condition, weight: nil, evidence: evidence, strength: strength, notes: notes)
            }
            guard rules.isAbove(inside, total: total) else { return nil }
            if evidence.wonShare >= rules.filterCoverage {
                return DerivedParameter(field: column.name, mode: .filter, condition: condition, weight: nil, evidence: evidence, strength: strength, notes: notes)
            }
            let weight = max(1, (10 * log(inside.oddsRatio(against: total - inside))).rounded())
            return DerivedParameter(field: column.name, mode: .score, condition: condition, weight: weight, evidence: evidence, strength: strength, notes: notes)
        }
    }
}
