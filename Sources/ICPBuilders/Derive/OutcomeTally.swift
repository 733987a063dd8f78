import FoundationEssentials
import ICPLanguage
import ICPEngine

/// Won and lost accounts (churned counted as lost, or left out) in some set of accounts, and
/// what they say: win rate, its 95% interval, lift over a baseline, odds ratio against the rest.
public struct OutcomeTally: Sendable, Hashable {
    public var won: Int
    public var lost: Int

    public init(won: Int = 0, lost: Int = 0) {
        self.won = won
        self.lost = lost
    }

    public var decided: Int { won + lost }

    public var winRate: Double? { decided == 0 ? nil : Double(won) / Double(decided) }

    public static func + (lhs: OutcomeTally, rhs: OutcomeTally) -> OutcomeTally {
        OutcomeTally(won: lhs.won + rhs.won, lost: lhs.lost + rhs.lost)
    }

    public static func - (lhs: OutcomeTally, rhs: OutcomeTally) -> OutcomeTally {
        OutcomeTally(won: lhs.won - rhs.won, lost: lhs.lost - rhs.lost)
    }

    public static func += (lhs: inout OutcomeTally, rhs: OutcomeTally) { lhs = lhs + rhs }

    /// The Wilson score interval of the win rate at 95%: sound for small counts and for rates
    /// near 0 or 1, where the plain normal interval is not.
    public var winRateInterval: ClosedRange<Double>? {
        guard decided > 0 else { return nil }
        let z = 1.959_963_985
        let n = Double(decided)
        let p = Double(won) / n
        let centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        let half = z / (1 + z * z / n) * (p * (1 - p) / n + z * z / (4 * n * n)).squareRoot()
        return max(0, centre - half)...min(1, centre + half)
    }

    /// The odds of winning here against the odds in `rest`, with half an account added to each
    /// count so that an empty cell gives a finite ratio.
    public func oddsRatio(against rest: OutcomeTally) -> Double {
        ((Double(won) + 0.5) / (Double(lost) + 0.5)) / ((Double(rest.won) + 0.5) / (Double(rest.lost) + 0.5))
    }

    /// Pearson's chi-square of the 2 x 2 table of this set against `rest`: how strongly being in
    /// the set and winning go together, in either direction. 0 when either side is empty.
    public func chiSquare(against rest: OutcomeTally) -> Double {
        let a = Double(won), b = Double(lost), c = Double(rest.won), d = Double(rest.lost)
        let n = a + b + c + d
        let denominator = (a + b) * (c + d) * (a + c) * (b + d)
        guard denominator > 0 else { return 0 }
        let cross = a * d - b * c
        return n * cross * cross / denominator
    }
}
