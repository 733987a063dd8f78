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

/// The thresholds a derivation decides by, in one place (Documentation/derive.md explains each).
struct DeriveRules {
    /// Won training accounts a rule needs: 10, or 1% of the won accounts when that is more.
    let minimumWon: Int
    /// Decided accounts a single value needs before its win rate is ranked at all.
    let minimumValueSupport = 10
    /// A filter must hold at least this share of won accounts: a hard gate is for what nearly every win has.
    let filterCoverage = 0.9
    /// An exclude removes values whose win rate is at most this share of the baseline...
    let exclusionRate = 0.6
    /// ...and which hold at most this share of the won accounts.
    let exclusionWonShare = 0.1
    /// Two rules whose accounts correlate at least this much (phi, in either direction) say the same thing.
    let redundancy = 0.5
    /// A value held by at least this share of won accounts and by no more than `leakLostShare`
    /// of its decided accounts with the lost label restates the outcome.
    let leakWonShare = 0.05
    let leakLostShare = 0.01
    /// A text column with more distinct values than this share of its filled cells names
    /// accounts (names, domains, ids) rather than describing them.
    let uniqueShare = 0.5
    /// The strength a rule needs: chi-square's 0.1% point at one degree of freedom. A column with
    /// twenty values offers many splits, and at 5% one of them passes by chance.
    let minimumStrength = 10.83
    /// A list rule names at most this many values: the ones that carry the lift, the rest named in its comment.
    let maximumListValues = 12
    /// The false discovery rate a list's values are picked at (Benjamini-Hochberg): among a hundred
    /// cities, five beat the baseline at 5% by chance alone; picked this way, chance values rarely join.
    let falseDiscoveryRate = 0.05

    /// Which of the tallies win significantly more often than `baseline` (or less, `below`): the
    /// one-sided p-value of each against the baseline, then the Benjamini-Hochberg step-up rule.
    func discoveries(_ tallies: [OutcomeTally], baseline: Double, below: Bool) -> [Bool] {
        let pValues = tallies.map { tally -> Double in
            guard tally.decided > 0, baseline > 0, baseline < 1 else { return 1 }
            let z = ((tally.winRate ?? 0) - baseline) / (baseline * (1 - baseline) / Double(tally.decided)).squareRoot()
            return erfc((below ? -z : z) / 2.0.squareRoot()) / 2
        }
        let order = pValues.indices.sorted { pValues[$0] < pValues[$1] }
        let count = Double(pValues.count)
        let passing = order.indices.last { pValues[order[$0]] <= Double($0 + 1) / count * falseDiscoveryRate }
        var found = [Bool](repeating: false, count: pValues.count)
        if let passing { for rank in 0...passing { found[order[rank]] = true } }
        return found
    }
    /// Chi-square's 5% point at one degree of freedom: below it, two groups of accounts are not
    /// told apart (a range's tail beyond a bound, accounts with and without a value).
    let sameRate = 3.84
    /// A date (or year) column is timing rather than fit when the newest fifth of its decided
    /// accounts wins at most this share of the oldest fifth's rate.
    let timingFall = 0.5
    /// Accounts with and without a value differ in a way worth reporting when one group's win
    /// rate is at least this many times the other's (and the difference is significant).
    let presenceRatio = 1.5

    /// What a rule earns: the chi-square of its accounts against the rest, less 2 for each value or
    /// bound beyond the first (as the Akaike criterion charges a parameter), so a longer list of
    /// values or a second bound must earn its place.
    static func strength(_ inside: OutcomeTally, total: OutcomeTally, terms: Int) -> Double {
        inside.chiSquare(against: total - inside) - 2 * Double(max(terms, 1) - 1)
    }

    init(totalWon: Int) {
        minimumWon = max(10, (totalWon + 99) / 100)
    }

    /// Whether accounts with this tally are significantly above the baseline: the lower end of
    /// their win rate's 95% interval lies above the baseline.
    func isAbove(_ tally: OutcomeTally, total: OutcomeTally) -> Bool {
        guard let interval = tally.winRateInterval, let baseline = total.winRate else { return false }
        return tally.won >= minimumWon && interval.lowerBound > baseline
    }

    /// Whether accounts with this tally are worth removing: few wins among them, significantly
    /// below the baseline, and a small share of all wins.
    func isExclusion(_ tally: OutcomeTally, total: OutcomeTally) -> Bool {
        guard let rate = tally.winRate, let interval = tally.winRateInterval, let baseline = total.winRate, total.won > 0 else { return false }
        return tally.decided >= minimumValueSupport && tally.lost >= minimumWon / 2
            && rate <= exclusionRate * baseline && interval.upperBound < baseline
            && Double(tally.won) <= exclusionWonShare * Double(total.won)
    }
}
