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

/// The best range of a number or date column on each side, searched over round cut points: the
/// column's twentieth quantiles among training accounts, rounded to two significant digits (a
/// number) or to the first of the month (a date), and for dates the windows back from `as_of`
/// people think in (30 days to 5 years), written `within_days`.
struct RangeSplit {
    /// `min`/`max` as written (nil: open), or a window back from `as_of`.
    enum Bound: Equatable {
        case range(min: String?, max: String?)
        case withinDays(Int)
    }

    struct Side {
        var bound: Bound
        var tally: OutcomeTally
        var strength: Double
        /// A range's ends as values, with their texts (nil: open, or a window).
        var lower: (text: String, value: Double)?
        var upper: (text: String, value: Double)?
    }

    var positive: Side?
    var negative: Side?

    static let windows = [30, 60, 90, 120, 180, 270, 365, 540, 730, 1095, 1460, 1825]

    init(column: Column, tallies: CodeTallies, total: OutcomeTally, rules: DeriveRules, asOf: CalendarDate) {
        let values: [Double]
        let isDate: Bool
        switch column.cells {
        case .number(let numbers): values = numbers; isDate = false
        case .date(let days): values = days.map(Double.init); isDate = true
        default: return
        }
        let ordered = (1..<max(values.count, 1)).sorted { values[$0] < values[$1] }
        guard !ordered.isEmpty else { return }
        let sorted = ordered.map { values[$0] }
        var cumulative = [OutcomeTally()]
        for code in ordered { cumulative.append(cumulative[cumulative.count - 1] + tallies.outcome[code]) }

        /// Accounts whose value lies in lower...upper (an open end is unbounded).
        func tally(_ lower: Double?, _ upper: Double?) -> OutcomeTally {
            let start = lower.map { bound in Self.firstIndex(in: sorted) { $0 >= bound } } ?? 0
            let end = upper.map { bound in Self.firstIndex(in: sorted) { $0 > bound } } ?? sorted.count
            return end > start ? cumulative[end] - cumulative[start] : OutcomeTally()
        }

        var candidates: [Side] = []
        let cuts = Self.cutPoints(ordered: ordered, values: values, population: tallies.population, isDate: isDate)
        let ends: [(text: String, value: Double)?] = [nil] + cuts.map { $0 }
        for (lowerIndex, lower) in ends.enumerated() {
            for upper in ends[(lowerIndex + 1)...] where lower != nil || upper != nil {
                if let lower, let upper, lower.value >= upper.value { continue }
                candidates.append(Side(bound: .range(min: lower?.text, max: upper?.text), tally: tally(lower?.value, upper?.value), strength: 0,
                                       lower: lower, upper: upper))
            }
        }
        if isDate {
            let today = Double(asOf.daysSinceEpoch)
            for window in Self.windows {
                candidates.append(Side(bound: .withinDays(window), tally: tally(today - Double(window), today), strength: 0))
            }
        }
        let baseline = total.winRate ?? 0
        func measured(_ side: Side) -> Side {
            var side = side
            side.strength = DeriveRules.strength(side.tally, total: total, terms: side.lower != nil && side.upper != nil ? 2 : 1)
            return side
        }
        func best(_ accepts: (OutcomeTally) -> Bool) -> Side? {
            var found: Side?
            for candidate in candidates where accepts(candidate.tally) {
                let side = measured(candidate)
                if side.strength > (found?.strength ?? 0) { found = side }
            }
            return found
        }
        /// A range whose tail beyond one bound wins at a rate not told apart from the range's
        /// own (or better, on the side the rule favours) loses that bound: `min: 2` rather than
        /// `2 to 6` when six rounds and more win as often as two to six.
        func oneSided(_ side: Side?, favours better: (Double, Double) -> Bool, accepts: (OutcomeTally) -> Bool) -> Side? {
            guard var side, let lower = side.lower, let upper = side.upper else { return side }
            let below = tally(nil, lower.value) - tally(lower.value, lower.value)
            let above = tally(upper.value, nil) - tally(upper.value, upper.value)
            func alike(_ tail: OutcomeTally, _ inside: OutcomeTally) -> Bool {
                guard let tailRate = tail.winRate, let rate = inside.winRate else { return true }
                return better(tailRate, rate) || tail.chiSquare(against: inside) < rules.sameRate
            }
            // The tail most like the range goes first; the other is then weighed against the wider range.
            let tails = [(below, true), (above, false)].sorted { $0.0.chiSquare(against: side.tally) < $1.0.chiSquare(against: side.tally) }
            for (tail, isBelow) in tails where alike(tail, side.tally) {
                let widened = side.tally + tail
                // One bound always stays: a range open at both ends is no rule.
                guard accepts(widened), (isBelow ? side.upper : side.lower) != nil else { continue }
                if isBelow { side.lower = nil } else { side.upper = nil }
                side.tally = widened
                side.bound = .range(min: side.lower?.text, max: side.upper?.text)
            }
            return measured(side)
        }
        let isAbove: (OutcomeTally) -> Bool = { $0.won >= rules.minimumWon && ($0.winRate ?? 0) > baseline }
        let isExclusion: (OutcomeTally) -> Bool = { rules.isExclusion($0, total: total) }
        positive = oneSided(best(isAbove), favours: >=, accepts: isAbove)
        negative = oneSided(best(isExclusion), favours: <=, accepts: isExclusion)
    }

    /// The first index of `sorted` whose value meets `predicate`, which holds from some index on.
    private static func firstIndex(in sorted: [Double], where predicate: (Double) -> Bool) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if predicate(sorted[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The twentieth quantiles of the training accounts' values, rounded, without repeats.
    private static func cutPoints(ordered: [Int], values: [Double], population: [Int], isDate: Bool) -> [(text: String, value: Double)] {
        let total = ordered.reduce(0) { $0 + population[$1] }
        guard total > 0 else { return [] }
        var cuts: [(text: String, value: Double)] = []
        var running = 0
        var next = 1
        for code in ordered {
            running += population[code]
            while next < 20, running * 20 >= next * total {
                let cut = isDate ? monthStart(Int(values[code])) : roundNumber(values[code])
                if cuts.last?.value != cut.value, cuts.last.map({ $0.value < cut.value }) ?? true { cuts.append(cut) }
                next += 1
            }
        }
        return cuts
    }

    /// Two significant digits: 1,234 → 1200, 187 → 190, 0.0345 → 0.035; the value is the one the text reads as.
    static func roundNumber(_ value: Double) -> (text: String, value: Double) {
        guard value != 0, value.isFinite, abs(value) < 1e15 else { return (CountFormat.plain(value), value) }
        let exponent = Int(floor(log10(abs(value)))) - 1
        let text: String
        if exponent >= 0 {
            var scale = 1.0
            for _ in 0..<exponent { scale *= 10 }
            text = String(Int((value / scale).rounded()) * Int(scale))
        } else if exponent < -8 {
            // A tiny value (a denormal reads as 320 digits in fixed notation): two digits and an exponent.
            text = CFormat.string("%.1e", value)
        } else {
            // Trailing zeros say nothing: 7.0 is written 7, 0.50 is 0.5.
            var digits = CFormat.string("%.*f", Int32(-exponent), value)
            while digits.contains("."), digits.last == "0" || digits.last == "." { digits.removeLast() }
            text = digits
        }
        return (text, Double(text) ?? value)
    }

    private static func monthStart(_ day: Int) -> (text: String, value: Double) {
        let parts = CalendarDate(daysSinceEpoch: day).components
        let first = CalendarDate(year: parts.year, month: parts.month, day: 1) ?? CalendarDate(daysSinceEpoch: day)
        return (first.description, Double(first.daysSinceEpoch))
    }
}
