import FoundationEssentials
import ICPLanguage
import ICPEngine

/// What `icp derive` is asked for: which accounts to learn from and how large an ICP to propose.
public struct DeriveOptions: Sendable {
    /// Learn only from accounts created on or after this day (`keys.created`).
    public var since: CalendarDate?
    /// A seeded share of accounts kept out of the learning, to be measured on afterwards.
    public var heldOut: (fraction: Double, seed: UInt64)?
    public var maximumParameters = 8
    /// `min_score` keeps at least this share of the won accounts; among such cuts it is the one
    /// with the best lower bound of the win rate. The default follows the scoring products' rule
    /// of thumb: the accounts an ICP qualifies should hold most (60% or more) of the wins.
    public var coverage = 0.6
    /// Date and year columns whose win rate follows account age are left out unless this is set.
    public var allowTiming = false
    /// Columns never to use.
    public var ignoredFields: Set<String> = []
    public var churnedAsLost = true

    public init() {}
}

/// The evidence behind one proposed parameter, on the training accounts: how many won and lost
/// accounts it matches out of all of them.
public struct DeriveEvidence: Sendable, Equatable {
    public let inside: OutcomeTally
    public let total: OutcomeTally

    public var outside: OutcomeTally { total - inside }
    public var wonShare: Double { Double(inside.won) / Double(max(total.won, 1)) }
    public var lostShare: Double { Double(inside.lost) / Double(max(total.lost, 1)) }
    public var baseline: Double { total.winRate ?? 0 }
    public var lift: Double { (inside.winRate ?? 0) / max(baseline, .leastNonzeroMagnitude) }
    /// The lift's 95% interval, from the Wilson interval of the win rate (the baseline, measured
    /// on every decided account, is taken as known).
    public var liftInterval: ClosedRange<Double> {
        let rate = inside.winRateInterval ?? 0...0
        let base = max(baseline, .leastNonzeroMagnitude)
        return rate.lowerBound / base...rate.upperBound / base
    }

    /// One line for a comment: `won 53% vs 36% of lost, lift 1.28x (1.20-1.36), 793 accounts`.
    public var summary: String {
        let interval = liftInterval
        return "won \(CountFormat.percent(wonShare, digits: 0)) vs \(CountFormat.percent(lostShare, digits: 0)) of lost, "
            + "lift \(CountFormat.decimal(lift, digits: 2))x (\(CountFormat.decimal(interval.lowerBound, digits: 2))-\(CountFormat.decimal(interval.upperBound, digits: 2))), "
            + "\(CountFormat.grouped(inside.decided)) accounts"
    }
}

/// One parameter a derivation proposes.
public struct DerivedParameter: Sendable {
    public let field: String
    public let mode: ParameterMode
    public let condition: Condition
    /// For `score`: 10 x the natural log of the odds ratio, rounded, at least 1.
    public let weight: Double?
    public let evidence: DeriveEvidence
    /// Its chi-square less a charge for each value or bound beyond the first: the order parameters are chosen in.
    public let strength: Double
    /// What else a reader should know, one line each: the values left out of a long list, a
    /// lift measured among accounts with a value, a timing trend kept on request.
    public var notes: [String] = []
}

extension DerivedParameter {
    /// The same parameter with one more note.
    func noting(_ note: String) -> DerivedParameter {
        var copy = self
        copy.notes.append(note)
        return copy
    }
}

/// A column the derivation did not turn into a parameter, and why; or what it found about a
/// column's data (a data-quality finding).
public struct LeftOutField: Sendable, Equatable {
    public let field: String
    public let reason: String
}

/// One cut of the proposal's score, on the training accounts that pass its filters and excludes:
/// how many accounts reach it, how many of the wins they hold, how often they win.
public struct GainsRow: Sendable, Equatable {
    public let minScore: Double
    /// Training accounts at or above the cut, decided or not.
    public let accounts: Int
    public let tally: OutcomeTally
    /// Out of all training accounts.
    public let accountShare: Double
    /// Out of all won training accounts.
    public let wonShare: Double
    public let lift: Double?
}

/// An ICP proposed from the outcomes of past deals: its parameters, score cut and tiers, with
/// what was left out and how much data it rests on.
public struct Derivation: Sendable {
    public let parameters: [DerivedParameter]
    public let minScore: Double
    /// Highest first.
    public let tiers: [(name: String, minimum: Double)]
    public let leftOut: [LeftOutField]
    /// Columns whose being filled, rather than their value, tells won from lost.
    public var dataQuality: [LeftOutField] = []
    /// The trade-off of the score cut, highest cut first (empty without score parameters).
    public var gains: [GainsRow] = []
    /// Won and lost training accounts.
    public let total: OutcomeTally
    public let trainingAccounts: Int
    public let minimumWon: Int
    /// Why nothing (or little) could be derived, when the data is too small.
    public let caution: String?

    /// The proposal as an ICP model with `code`, ready to evaluate.
    public func icp(code: String) -> ICP {
        Self.model(code: code, parameters: parameters, minScore: minScore, tiers: tiers)
    }

    public static func model(code: String, parameters: [DerivedParameter], minScore: Double, tiers: [(name: String, minimum: Double)]) -> ICP {
        let nowhere = SourceRange(at: .start)
        var icp = ICP(range: nowhere)
        icp.code = Located(code, nowhere)
        icp.minScore = minScore
        icp.tiers = tiers.map { Tier(name: Located($0.name, nowhere), minimum: $0.minimum) }
        icp.parameters = parameters.map { parameter in
            Parameter(field: Located(parameter.field, nowhere), mode: Located(parameter.mode, nowhere),
                      condition: Located(parameter.condition, nowhere), weight: parameter.weight.map { Located($0, nowhere) }, range: nowhere)
        }
        return icp
    }
}

extension Derivation {
    /// `min_score` and the tiers in plain words: which score parameters an account must match to
    /// reach each, e.g. `min_score 50 needs 11 of the 22 points: category_list, or funding_rounds
    /// and funding_total_usd`. Empty without score parameters.
    public var scoreCutInWords: [String] {
        let scores = parameters.filter { $0.mode == .score }
        let weights = scores.map { $0.weight ?? 1 }
        let total = weights.reduce(0, +)
        guard !scores.isEmpty, total > 0, minScore > 0 else { return [] }
        let points = zip(scores, weights).map { "\($0.field) \(CountFormat.plain($1))" }.joined(separator: ", ")
        var lines = ["A score is the share of the score weight an account matches: \(points) (\(CountFormat.plain(total)) points)."]
        func needs(_ minimum: Double) -> String {
            let needed = "needs \(CountFormat.plain((minimum / 100 * total * 10 - ScoreMath.tolerance).rounded(.up) / 10)) of the \(CountFormat.plain(total)) points"
            // Minimal sets of score parameters reaching the cut (dropping any one falls below it),
            // listed while there are few enough parameters to try every set.
            let count = scores.count
            guard count <= 12 else { return needed }
            var minimal: [[Int]] = []
            for mask in 1..<(1 << count) {
                let members = (0..<count).filter { mask & (1 << $0) != 0 }
                let sum = members.reduce(0.0) { $0 + weights[$1] }
                guard ScoreMath.reaches(100 * sum / total, minimum) else { continue }
                if members.allSatisfy({ !ScoreMath.reaches(100 * (sum - weights[$0]) / total, minimum) }) { minimal.append(members) }
            }
            minimal.sort { $0.count != $1.count ? $0.count < $1.count : $0.lexicographicallyPrecedes($1) }
            let ways = minimal.prefix(3).map { $0.map { scores[$0].field }.joined(separator: " and ") }
            let more = minimal.count > 3 ? ", or \(minimal.count - 3) other combinations" : ""
            let written = minimal.count == 1 && minimal[0].count == scores.count ? "every score parameter" : ways.joined(separator: ", or ") + more
            return "\(needed): \(written)"
        }
        lines.append("min_score \(CountFormat.plain(minScore)) \(needs(minScore)).")
        for tier in tiers where tier.minimum > minScore {
            lines.append("Tier \(tier.name) from \(CountFormat.plain(tier.minimum)) \(needs(tier.minimum)).")
        }
        return lines
    }
}
