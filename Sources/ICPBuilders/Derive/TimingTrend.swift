import ICPLanguage
import ICPEngine
/// How the win rate moves along a date (or year) column, from its oldest fifth of decided
/// accounts to its newest: when it falls steadily and the share of accounts with an outcome falls
/// with it, the column measures time at risk (older accounts have had longer to be won, and wins
/// take longer than losses), not fit.
struct TimingTrend {
    /// One fifth of the decided accounts, in date order.
    struct Fifth {
        var tally = OutcomeTally()
        /// Training accounts, decided or not, with these dates.
        var accounts = 0
        var first = 0.0
        var last = 0.0
        var outcomeShare: Double { accounts == 0 ? 0 : Double(tally.decided) / Double(accounts) }
    }

    let oldest: Fifth
    let newest: Fifth
    let isYear: Bool

    /// Nil unless the column's win rate falls from its oldest fifth to its newest (to at most
    /// `rules.timingFall` of it, their 95% intervals apart, with at most one step up on the way)
    /// and, when some accounts have no outcome yet, the share that has one falls too.
    init?(column: Column, tallies: CodeTallies, rules: DeriveRules, isYear: Bool) {
        let values: [Double]
        switch column.cells {
        case .number(let numbers): values = numbers
        case .date(let days): values = days.map(Double.init)
        default: return nil
        }
        let ordered = (1..<max(values.count, 1)).sorted { values[$0] < values[$1] }
        let decided = ordered.reduce(0) { $0 + tallies.outcome[$1].decided }
        guard decided >= 5 * rules.minimumValueSupport else { return nil }
        var fifths: [Fifth] = []
        var current = Fifth()
        var running = 0
        for code in ordered where tallies.population[code] > 0 {
            if current.accounts == 0 { current.first = values[code] }
            current.tally += tallies.outcome[code]
            current.accounts += tallies.population[code]
            current.last = values[code]
            running += tallies.outcome[code].decided
            if fifths.count < 4, current.tally.decided > 0, running * 5 >= (fifths.count + 1) * decided {
                fifths.append(current)
                current = Fifth()
            }
        }
        if current.accounts > 0 { fifths.append(current) }
        guard fifths.count == 5, let first = fifths.first, let last = fifths.last,
              let oldRate = first.tally.winRate, let newRate = last.tally.winRate, oldRate > 0,
              let oldInterval = first.tally.winRateInterval, let newInterval = last.tally.winRateInterval else { return nil }
        let rates = fifths.map { $0.tally.winRate ?? 0 }
        let stepsUp = zip(rates, rates.dropFirst()).filter { $1 > $0 + 0.02 }.count
        guard newRate <= rules.timingFall * oldRate, newInterval.upperBound < oldInterval.lowerBound, stepsUp <= 1 else { return nil }
        let undecided = fifths.contains { $0.accounts > $0.tally.decided }
        if undecided, last.outcomeShare >= first.outcomeShare { return nil }
        oldest = first
        newest = last
        self.isYear = isYear
    }

    /// `the win rate falls from 41% (up to 1999-02-01) to 4% (from 2010-06-01), and the share of accounts with an outcome from 95% to 40%: ...`
    var description: String {
        func day(_ value: Double) -> String {
            isYear ? CountFormat.plain(value) : CalendarDate(daysSinceEpoch: Int(value)).description
        }
        var text = "the win rate falls from \(CountFormat.percent(oldest.tally.winRate ?? 0, digits: 0)) (up to \(day(oldest.last))) "
            + "to \(CountFormat.percent(newest.tally.winRate ?? 0, digits: 0)) (from \(day(newest.first)))"
        if newest.accounts > newest.tally.decided || oldest.accounts > oldest.tally.decided {
            text += ", and the share of accounts with an outcome from \(CountFormat.percent(oldest.outcomeShare, digits: 0)) to \(CountFormat.percent(newest.outcomeShare, digits: 0))"
        }
        return text + ": older accounts have had longer to reach an outcome, and wins take longer than losses"
    }

    /// A number column that holds years (a founding year): whole numbers from 1800 to next year,
    /// in a column whose name says year, founded or since.
    static func holdsYears(_ column: Column, asOf: CalendarDate) -> Bool {
        guard case .number(let numbers) = column.cells, numbers.count > 1 else { return false }
        let name = column.name.lowercased()
        guard ["year", "founded", "since", "established"].contains(where: name.contains) else { return false }
        let latest = Double(asOf.components.year + 1)
        return numbers.dropFirst().allSatisfy { $0 == $0.rounded() && $0 >= 1800 && $0 <= latest }
    }
}
