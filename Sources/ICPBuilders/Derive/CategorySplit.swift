import ICPLanguage
import ICPEngine
/// The values of a text, boolean or list column as the categories a derivation ranks: one per
/// distinct value as compared (case and outer white space aside), or per list element, with
/// the codes that hold it.
struct Category {
    /// As written most often in the data.
    let text: String
    /// The value codes holding it (for a list column, every list that has the element).
    let codes: [Int]
}

extension Category {
    static func of(_ column: Column) -> [Category] {
        var groups: [String: (codes: [Int], written: [String: Int])] = [:]
        var order: [String] = []
        func add(_ key: String, written: String, code: Int) {
            if groups[key] == nil { order.append(key) }
            groups[key, default: ([], [:])].codes.append(code)
            groups[key]?.written[written, default: 0] += column.counts[code]
        }
        switch column.cells {
        case .text(let normalized):
            for code in 1..<max(column.values.count, 1) { add(normalized[code], written: column.values[code], code: code) }
        case .range:
            // Bands are categories, named as written (`is: 51-200` compares their bounds).
            for code in 1..<max(column.values.count, 1) { add(TextNormalization.normalize(column.values[code]), written: column.values[code], code: code) }
        case .boolean(let flags):
            for code in 1..<max(column.values.count, 1) { add(flags[code] ? "true" : "false", written: flags[code] ? "true" : "false", code: code) }
        case .list(let lists):
            for code in 1..<max(column.values.count, 1) {
                // An element listed twice in one cell still counts that cell once.
                var seen: Set<UInt32> = []
                for element in lists[code] where seen.insert(element).inserted {
                    add(column.normalizedElements[Int(element)], written: column.elements[Int(element)], code: code)
                }
            }
        case .number, .date:
            return []
        }
        return order.compactMap { key in
            guard let group = groups[key] else { return nil }
            // The most frequent spelling; ties go to the first in byte order, so the choice never depends on row order.
            let written = group.written.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? key
            return Category(text: written, codes: group.codes)
        }
    }
}

/// The best set of categories of one column on each side: values sorted by win rate, the prefix
/// with the greatest strength (``DeriveRules/strength(_:total:terms:)``). With two outcomes, a
/// prefix of the values sorted by their rate is where the best two-way split of a categorical column lies.
struct CategorySplit {
    struct Side {
        var categories: [Category]
        var tally: OutcomeTally
        var strength: Double
        /// Values that carry the lift too but did not fit in the list (``DeriveRules/maximumListValues``).
        var others: [Category] = []
    }

    /// Over-represented among won; nil when no set is both supported and above the baseline.
    var positive: Side?
    /// Over-represented among lost, small enough to remove; nil when none qualifies.
    var negative: Side?

    init(categories: [Category], tallies: CodeTallies, total: OutcomeTally, rules: DeriveRules) {
        let ranked = categories.map { ($0, tallies.tally(of: $0.codes).outcome) }
            .filter { $0.1.decided >= rules.minimumValueSupport }
        let baseline = total.winRate ?? 0
        func rate(_ tally: OutcomeTally) -> Double { tally.winRate ?? 0 }
        // Ranked by the near end of the win rate's 95% interval, so a small value with a lucky
        // rate does not go ahead of a large one that is surely high (or surely low).
        func order(_ key: (OutcomeTally) -> Double, _ first: (Double, Double) -> Bool) -> [(Category, OutcomeTally)] {
            ranked.sorted {
                let (left, right) = (key($0.1), key($1.1))
                return left != right ? first(left, right) : ($0.1.decided != $1.1.decided ? $0.1.decided > $1.1.decided : $0.0.text < $1.0.text)
            }
        }
        // Only values that carry the lift themselves enter a list, and at most a dozen of them: a
        // list of 40 categories is not a rule a person can read. A value carries it when it wins
        // significantly more (or less) often than the baseline, among all the values tried.
        let above = rules.discoveries(ranked.map(\.1), baseline: baseline, below: false)
        let belowBaseline = rules.discoveries(ranked.map(\.1), baseline: baseline, below: true)
        let carrying = Set(ranked.indices.filter { above[$0] }.map { ranked[$0].0.text })
        let dragging = Set(ranked.indices.filter { belowBaseline[$0] }.map { ranked[$0].0.text })
        let carriers = order({ $0.winRateInterval?.lowerBound ?? 0 }, >).filter { carrying.contains($0.0.text) }
        positive = Self.bestPrefix(carriers, limit: rules.maximumListValues, tallies: tallies, total: total) { tally in
            tally.won >= rules.minimumWon && rate(tally) > baseline
        }
        let losers = order({ $0.winRateInterval?.upperBound ?? 1 }, <).filter { dragging.contains($0.0.text) }
        negative = Self.bestPrefix(losers, limit: rules.maximumListValues, tallies: tallies, total: total) { tally in
            rules.isExclusion(tally, total: total)
        }
        if let positive, let negative, Set(positive.categories.map(\.text)).intersection(negative.categories.map(\.text)).isEmpty == false {
            if positive.strength >= negative.strength { self.negative = nil } else { self.positive = nil }
        }
    }

    /// The strongest prefix, of at most `limit` values, among those `accepts` takes; the values
    /// after it are its `others`. Categories of a list
    /// column overlap (a cell holds several elements), so each prefix is counted exactly: a code
    /// enters the sum once, when the first of its categories does.
    private static func bestPrefix(_ ranked: [(Category, OutcomeTally)], limit: Int, tallies: CodeTallies, total: OutcomeTally,
                                   accepts: (OutcomeTally) -> Bool) -> Side? {
        var covered = [Bool](repeating: false, count: tallies.outcome.count)
        var tally = OutcomeTally()
        var prefix: [Category] = []
        var best: Side?
        for (category, _) in ranked.prefix(limit) {
            for code in category.codes where !covered[code] {
                covered[code] = true
                tally += tallies.outcome[code]
            }
            prefix.append(category)
            guard accepts(tally) else { continue }
            let strength = DeriveRules.strength(tally, total: total, terms: prefix.count)
            if strength > (best?.strength ?? 0) { best = Side(categories: prefix, tally: tally, strength: strength) }
        }
        let chosen = best?.categories.count ?? 0
        best?.others = ranked.dropFirst(chosen).map(\.0)
        return best
    }
}
