import Foundation

/// What `icp derive` is asked for: which accounts to learn from and how large an ICP to propose.
public struct DeriveOptions: Sendable {
    /// Learn only from accounts created on or after this day (`keys.created`).
    public var since: CalendarDate?
    /// A seeded share of accounts kept out of the learning, to be measured on afterwards.
    public var heldOut: (fraction: Double, seed: UInt64)?
    public var maximumParameters = 8
    /// `min_score` keeps at least this share of the won accounts; among such cuts it is the one
    /// with the best lower bound of the win rate.
    public var coverage = 0.1
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
}

/// A column the derivation did not turn into a parameter, and why.
public struct LeftOutField: Sendable, Equatable {
    public let field: String
    public let reason: String
}

/// An ICP proposed from the outcomes of past deals: its parameters, score cut and tiers, with
/// what was left out and how much data it rests on.
public struct Derivation: Sendable {
    public let parameters: [DerivedParameter]
    public let minScore: Double
    /// Highest first.
    public let tiers: [(name: String, minimum: Double)]
    public let leftOut: [LeftOutField]
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
