import ICPLanguage
import ICPEngine
/// One account as the account lists show it (`icp list`, `icp score --why`, the editor's
/// `icp.accounts`): its score, tier and why, in one line.
public struct ListedAccount: Sendable, Equatable {
    public let row: Int
    /// The exact score of its score parameters: what it would score if it qualified (`icp
    /// score` gives an account outside the ICP 0; ``shownScore`` is that figure).
    public let score: Double
    public let tier: String?
    public let qualifies: Bool
    /// The score parameters it matches, or everything that keeps it out, each with by how much.
    public let reason: String

    /// The score as `icp score` and `icp explain` give it: 0 outside the ICP.
    public var shownScore: Double { qualifies ? score : 0 }
}

/// Who an ICP qualifies, who nearly does, and which won accounts it misses (format.md, Account lists).
public enum AccountList {
    public enum Kind: String, Sendable, CaseIterable {
        /// Qualifying accounts, by score.
        case qualified
        /// Accounts kept out by exactly one thing: one filter or exclude, or `min_score` alone;
        /// nearest first.
        case misses
        /// Won accounts the ICP does not qualify (its false negatives), nearest first.
        case wonOutside = "won-outside"
    }

    /// The accounts of one kind in ``rows(_:icp:evaluation:engine:tier:)``'s order (the first `limit` of them).
    /// `hiding`: columns whose values the reasons leave out (``Engine/identifyingColumns``, for `--sensitive`).
    public static func accounts(_ kind: Kind, icp: ICP, evaluation: ICPEvaluation, engine: Engine, tier: String? = nil, limit: Int? = nil,
                                hiding: Set<String> = []) -> [ListedAccount] {
        rows(kind, icp: icp, evaluation: evaluation, engine: engine, tier: tier).prefix(limit ?? Int.max)
            .map { describe($0, icp: icp, evaluation: evaluation, engine: engine, hiding: hiding) }
    }

    /// The rows ``accounts(_:icp:evaluation:engine:tier:limit:)`` lists, in its order, not yet
    /// described: a list shows a few of many (the reason of each costs far more than its score).
    public static func rows(_ kind: Kind, icp: ICP, evaluation: ICPEvaluation, engine: Engine, tier: String? = nil) -> [Int] {
        let rows: [Int]
        switch kind {
        case .qualified:
            var qualified: [Int] = []
            evaluation.qualified.forEach { row in
                if tier == nil || evaluation.tier(forScore: evaluation.score(ofRow: row)) == tier { qualified.append(row) }
            }
            rows = qualified
        case .misses:
            rows = nearMisses(icp: icp, evaluation: evaluation)
        case .wonOutside:
            var outside: [Int] = []
            engine.outcomeSets?.won.subtracting(evaluation.qualified).forEach { outside.append($0) }
            rows = outside
        }
        let key = engine.accounts.column(named: engine.settings.accountIDField)
        let far = Nearness(obstacles: 0, distance: 0)
        return rows.map { row in
            (row: row, score: evaluation.score(ofRow: row),
             nearness: kind == .qualified ? far : nearness(of: row, icp: icp, evaluation: evaluation, engine: engine))
        }.sorted {
            if $0.nearness != $1.nearness { return $0.nearness < $1.nearness }
            if abs($0.score - $1.score) > ScoreMath.tolerance { return $0.score > $1.score }
            let (left, right) = (key?.text(atRow: $0.row) ?? "", key?.text(atRow: $1.row) ?? "")
            return left != right ? left < right : $0.row < $1.row
        }.map(\.row)
    }

    /// How far an account outside the ICP lies from qualifying: how many things keep it out,
    /// then how far each lies from passing, summed (``Obstacle/distance``). Lists of accounts
    /// that do not qualify put the nearest first: one filter 2% short before one category.
    struct Nearness: Comparable {
        let obstacles: Int
        let distance: Double

        static func < (left: Nearness, right: Nearness) -> Bool {
            left.obstacles != right.obstacles ? left.obstacles < right.obstacles : left.distance < right.distance - ScoreMath.tolerance
        }

        static func == (left: Nearness, right: Nearness) -> Bool {
            left.obstacles == right.obstacles && abs(left.distance - right.distance) <= ScoreMath.tolerance
        }
    }

    /// One thing that keeps an account out: a filter it fails or an exclude it meets (by index
    /// into the evaluation's parameters), or `min_score` (nil), with how far it lies from passing,
    /// from 0 (just short) to 1 (a category, an exclude, a missing value: as far as can be said).
    struct Obstacle {
        let parameter: Int?
        let gap: Gap?
        let distance: Double
    }

    static func obstacles(of row: Int, icp: ICP, evaluation: ICPEvaluation, engine: Engine) -> [Obstacle] {
        var found: [Obstacle] = []
        for (index, outcome) in evaluation.parameters.enumerated() where outcome.mode != .score && outcome.matched.contains(row) == (outcome.mode == .exclude) {
            let condition = icp.parameters[outcome.index].condition?.value ?? .exists(true)
            let gap = outcome.mode == .filter ? Gap(of: row, field: outcome.field, condition: condition, engine: engine) : nil
            found.append(Obstacle(parameter: index, gap: gap, distance: gap?.distance ?? 1))
        }
        let score = evaluation.score(ofRow: row)
        if !ScoreMath.reaches(score, icp.minScore) {
            found.append(Obstacle(parameter: nil, gap: nil, distance: icp.minScore > 0 ? min(1, (icp.minScore - score) / icp.minScore) : 1))
        }
        return found
    }

    static func nearness(of row: Int, icp: ICP, evaluation: ICPEvaluation, engine: Engine) -> Nearness {
        let found = obstacles(of: row, icp: icp, evaluation: evaluation, engine: engine)
        return Nearness(obstacles: found.count, distance: found.reduce(0) { $0 + $1.distance })
    }

    /// The accounts worth enriching with `field` (``FieldEnrichment/candidates``): those that
    /// would qualify given a passing value first, then those that would move up a tier, then the
    /// others; by the score they would reach, then by key. The reason says what a value would do.
    public static func toEnrich(_ field: String, icp: ICP, evaluation: ICPEvaluation, engine: Engine) -> [ListedAccount] {
        guard let figures = evaluation.enrichment(of: field).first else { return [] }
        var listed: [(account: ListedAccount, rank: Int, best: Double)] = []
        figures.candidates.forEach { row in
            let score = evaluation.score(ofRow: row)
            let qualifies = evaluation.qualified.contains(row)
            let tier = qualifies ? evaluation.tier(forScore: score) : nil
            let best = evaluation.bestScore(ofRow: row, filling: field)
            let bestTier = evaluation.tier(forScore: best)
            let shown = CountFormat.decimal(ScoreMath.rounded(best), digits: 1)
            let (rank, reason): (Int, String)
            if !qualifies, ScoreMath.reaches(best, icp.minScore) {
                (rank, reason) = (0, "would qualify with a passing \(field) (score up to \(shown)\(bestTier.map { ", tier \($0)" } ?? ""))")
            } else if qualifies, let bestTier, bestTier != tier, evaluation.tierLadder.rank(for: best) ?? Int.max < evaluation.tierLadder.rank(for: score) ?? Int.max {
                (rank, reason) = (1, "qualifies; would move to tier \(bestTier) with a passing \(field) (score up to \(shown))")
            } else {
                (rank, reason) = (2, qualifies ? "qualifies; a value would not change its tier" : "would still score below min_score \(CountFormat.plain(icp.minScore)) (up to \(shown))")
            }
            listed.append((ListedAccount(row: row, score: score, tier: tier, qualifies: qualifies, reason: reason), rank, best))
        }
        let key = engine.accounts.column(named: engine.settings.accountIDField)
        return listed.sorted {
            if $0.rank != $1.rank { return $0.rank < $1.rank }
            if abs($0.best - $1.best) > ScoreMath.tolerance { return $0.best > $1.best }
            let (left, right) = (key?.text(atRow: $0.account.row) ?? "", key?.text(atRow: $1.account.row) ?? "")
            return left != right ? left < right : $0.account.row < $1.account.row
        }.map(\.account)
    }

    /// Rows kept out by exactly one requirement: one filter or exclude with the score reached,
    /// or every filter and exclude passed with the score short of `min_score`.
    static func nearMisses(icp: ICP, evaluation: ICPEvaluation) -> [Int] {
        let gates = evaluation.parameters.filter { $0.mode != .score }
        var rows: [Int] = []
        Bitset.all(evaluation.total).subtracting(evaluation.qualified).forEach { row in
            var failures = 0
            for gate in gates where gate.matched.contains(row) == (gate.mode == .exclude) {
                failures += 1
                if failures > 1 { return }
            }
            let reached = ScoreMath.reaches(evaluation.score(ofRow: row), icp.minScore)
            if (failures == 1 && reached) || (failures == 0 && !reached) { rows.append(row) }
        }
        return rows
    }

    /// One account with its reason; the values of the columns in `hiding` are left out of it.
    public static func describe(_ row: Int, icp: ICP, evaluation: ICPEvaluation, engine: Engine, hiding: Set<String> = []) -> ListedAccount {
        let score = evaluation.score(ofRow: row)
        let qualifies = evaluation.qualified.contains(row)
        return ListedAccount(row: row, score: score, tier: qualifies ? evaluation.tier(forScore: score) : nil, qualifies: qualifies,
                             reason: reason(row, score: score, qualifies: qualifies, icp: icp, evaluation: evaluation, engine: engine, hiding: hiding))
    }

    /// A cell as a reason quotes it: a list's elements joined by commas, the first four and how
    /// many more (`Apps, Cable, Distribution, +3 more`), not the separator-joined text.
    static func shownValue(of row: Int, in column: Column) -> String? {
        guard case .list(let lists) = column.cells else { return column.text(atRow: row) }
        let code = Int(column.codes[row])
        guard code > 0 else { return nil }
        let elements = lists[code].map { column.elements[Int($0)] }
        let more = elements.count > 4 ? ", +\(elements.count - 4) more" : ""
        return elements.prefix(4).joined(separator: ", ") + more
    }

    /// `matches industry, tech_stack` / `fails employees: 150, wants at least 200 (50 short)` /
    /// `excluded: is_customer is true` / `score 40 is below min_score 50`; every obstacle of an
    /// account outside, joined by `; `, then what it would score when the ICP has score parameters.
    static func reason(_ row: Int, score: Double, qualifies: Bool, icp: ICP, evaluation: ICPEvaluation, engine: Engine, hiding: Set<String> = []) -> String {
        let hasScores = evaluation.parameters.contains { $0.mode == .score }
        if qualifies {
            let scoring = evaluation.parameters.filter { $0.mode == .score && $0.matched.contains(row) }.map(\.field)
            return hasScores ? (scoring.isEmpty ? "passes the filters; matches no score parameter" : "matches " + scoring.joined(separator: ", "))
                : "passes every filter"
        }
        let asOf = engine.settings.asOf
        var parts: [String] = []
        var belowCut = false
        for obstacle in obstacles(of: row, icp: icp, evaluation: evaluation, engine: engine) {
            guard let index = obstacle.parameter else {
                let short = icp.minScore - score
                parts.append("score \(CountFormat.plain(ScoreMath.rounded(score))) is below min_score \(CountFormat.plain(icp.minScore)) (\(CountFormat.plain(ScoreMath.rounded(short))) short)")
                belowCut = true
                continue
            }
            let outcome = evaluation.parameters[index]
            let value = engine.accounts.column(named: outcome.field).flatMap { shownValue(of: row, in: $0) }
            let hidden = hiding.contains(outcome.field)
            let shown = value.map { hidden ? "(hidden)" : "`\($0)`" } ?? "missing"
            if outcome.mode == .exclude {
                parts.append("excluded: \(outcome.field) is \(shown)")
                continue
            }
            let condition = icp.parameters[outcome.index].condition?.value ?? .exists(true)
            let gap = hidden ? nil : obstacle.gap
            parts.append("fails \(outcome.field): \(shown), wants \(RecordExplanation.describe(condition, asOf: asOf))" + (gap.map { " (\($0.text))" } ?? ""))
        }
        if hasScores, !belowCut { parts.append("would score \(CountFormat.decimal(ScoreMath.rounded(score), digits: 1))") }
        return parts.joined(separator: "; ")
    }
}

/// How far a number or date lies outside a filter's range or window: `50 short`, `120 over`,
/// `35 days too early`; with that gap as a share of the bound (of a year, for a date range; of
/// the window, for `within_days`), at most 1.
struct Gap {
    enum Side: String {
        case short = "short", over = "over", early = "days too early", late = "days too late", old = "days too old"
    }

    let amount: Double
    let side: Side
    let distance: Double

    /// `50 short`, `35 days too early`: written only for the rows a list shows.
    var text: String { "\(CountFormat.plain(amount)) \(side.rawValue)" }

    init?(of row: Int, field: String, condition: Condition, engine: Engine) {
        guard let column = engine.accounts.column(named: field) else { return nil }
        let code = Int(column.codes[row])
        guard code > 0 else { return nil }
        func share(_ gap: Double, of scale: Double) -> Double { scale > 0 ? min(1, gap / scale) : 1 }
        switch (column.cells, condition) {
        case (.number(let numbers), .range(let min, let max)):
            let value = numbers[code]
            if let bound = min.flatMap({ ScalarReading.number($0.text) }), value < bound {
                (amount, side, distance) = (bound - value, .short, share(bound - value, of: abs(bound)))
            } else if let bound = max.flatMap({ ScalarReading.number($0.text) }), value > bound {
                (amount, side, distance) = (value - bound, .over, share(value - bound, of: abs(bound)))
            } else {
                return nil
            }
        case (.date(let days), .range(let min, let max)):
            let value = Int(days[code])
            if let bound = min.flatMap({ ScalarReading.date($0.text) }), value < bound.daysSinceEpoch {
                let gap = Double(bound.daysSinceEpoch - value)
                (amount, side, distance) = (gap, .early, share(gap, of: 365))
            } else if let bound = max.flatMap({ ScalarReading.date($0.text) }), value > bound.daysSinceEpoch {
                let gap = Double(value - bound.daysSinceEpoch)
                (amount, side, distance) = (gap, .late, share(gap, of: 365))
            } else {
                return nil
            }
        case (.date(let days), .withinDays(let window)):
            let oldest = engine.settings.asOf.daysSinceEpoch - window
            guard Int(days[code]) < oldest else { return nil }
            let gap = Double(oldest - Int(days[code]))
            (amount, side, distance) = (gap, .old, share(gap, of: Double(Swift.max(window, 1))))
        default:
            return nil
        }
    }
}
