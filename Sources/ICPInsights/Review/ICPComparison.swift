import ICPLanguage
import ICPEngine
/// What a change to one ICP does to the accounts (`icp diff`): the kind of change, the figures
/// before and after, the accounts it adds and removes, tier moves, and why: the requirement
/// each account now fails or no longer fails, and the segments over-represented among them.
public struct ICPComparison: Sendable {
    public enum Change: String, Sendable, Encodable {
        case widening, narrowing, reshuffle
        case scoreOnly = "score-only"
        case metadataOnly = "metadata-only"
        case none, added, removed
    }

    /// The figures `icp preview` gives, on one side.
    public struct Figures: Sendable, Encodable {
        public let qualified: Int
        public let tiers: [String: Int]
        public let win_rate: Double?
        public let lift: Double?
        public let won_coverage: Double?
        public let enriched: Double?
    }

    /// `25 accounts: fail only filter employees at least 100 (was at least 50)`.
    public struct Reason: Sendable, Encodable, Equatable {
        public let side: String
        public let count: Int
        public let reason: String
    }

    /// `91% of added are industry Fintech (6.2× their share of all accounts)`.
    public struct Segment: Sendable, Encodable, Equatable {
        public let side: String
        public let field: String
        public let value: String
        public let share: Double
        public let lift: Double
    }

    public let change: Change
    public let base: Figures?
    public let head: Figures?
    /// Rows qualifying on one side only (on the head's rows).
    public let added: [Int]
    public let removed: [Int]
    /// `A→B`: accounts qualifying on both sides whose tier changed.
    public let tierMoves: [String: Int]
    /// Per tier of the head, the added accounts it holds; per tier of the base, the removed
    /// accounts it held (`none` for a score in no tier). With the moves, a tier's base count plus
    /// added minus removed plus moved in minus moved out is its head count.
    public let tierAdded: [String: Int]
    public let tierRemoved: [String: Int]
    public let explainedBy: [Reason]
    public let segments: [Segment]

    /// Compares an ICP before (`base`) and after (`head`), each evaluated on the same rows.
    public static func compare(base: (icp: ICP, evaluation: ICPEvaluation)?, head: (icp: ICP, evaluation: ICPEvaluation)?, engine: Engine) -> ICPComparison {
        let figures = { (side: (icp: ICP, evaluation: ICPEvaluation)?) -> Figures? in
            side.map { side in
                Figures(qualified: side.evaluation.qualifiedCount, tiers: Dictionary(uniqueKeysWithValues: side.evaluation.tiers.map { ($0.name, $0.count) }),
                        win_rate: side.evaluation.outcomes?.winRate, lift: side.evaluation.outcomes?.lift,
                        won_coverage: side.evaluation.outcomes?.wonCoverage, enriched: side.evaluation.enriched)
            }
        }
        let rows = engine.accounts.rowCount
        let before = base?.evaluation.qualified ?? Bitset(count: rows)
        let after = head?.evaluation.qualified ?? Bitset(count: rows)
        var added: [Int] = [], removed: [Int] = []
        after.subtracting(before).forEach { added.append($0) }
        before.subtracting(after).forEach { removed.append($0) }
        var moves: [String: Int] = [:]
        var scoresMoved = false
        if let base, let head {
            before.intersection(after).forEach { row in
                let (old, new) = (base.evaluation.score(ofRow: row), head.evaluation.score(ofRow: row))
                if abs(old - new) > ScoreMath.tolerance { scoresMoved = true }
                let (from, to) = (base.evaluation.tier(forScore: old), head.evaluation.tier(forScore: new))
                if from != to { moves["\(from ?? "none")→\(to ?? "none")", default: 0] += 1 }
            }
        }
        let change: Change
        switch (base, head) {
        case (nil, _): change = .added
        case (_, nil): change = .removed
        case (let base?, let head?):
            if base.icp.meaning == head.icp.meaning {
                change = base.icp.metadata == head.icp.metadata ? .none : .metadataOnly
            } else if !added.isEmpty, !removed.isEmpty {
                change = .reshuffle
            } else if !added.isEmpty {
                change = .widening
            } else if !removed.isEmpty {
                change = .narrowing
            } else {
                change = scoresMoved || !moves.isEmpty ? .scoreOnly : .none
            }
        }
        var reasons: [Reason] = []
        if let head, let base {
            reasons += explain(removed, side: "removed", failing: head, other: base, engine: engine)
            reasons += explain(added, side: "added", failing: base, other: head, engine: engine)
        }
        let fields = Set(((base?.icp.parameters ?? []) + (head?.icp.parameters ?? [])).compactMap(\.field?.value)).sorted()
        let segments = Self.segments(of: added, side: "added", fields: fields, engine: engine) + Self.segments(of: removed, side: "removed", fields: fields, engine: engine)
        var tierAdded: [String: Int] = [:], tierRemoved: [String: Int] = [:]
        if let head { for row in added { tierAdded[head.evaluation.tier(forScore: head.evaluation.score(ofRow: row)) ?? "none", default: 0] += 1 } }
        if let base { for row in removed { tierRemoved[base.evaluation.tier(forScore: base.evaluation.score(ofRow: row)) ?? "none", default: 0] += 1 } }
        return ICPComparison(change: change, base: figures(base), head: figures(head), added: added, removed: removed, tierMoves: moves,
                             tierAdded: tierAdded, tierRemoved: tierRemoved,
                             explainedBy: reasons, segments: segments)
    }

    /// For each account in `rows`, the requirements of `failing` it fails; those failing exactly
    /// one are counted under it (with the other side's condition on that field, when it had
    /// one), the rest together. The counts add up to the number of accounts.
    static func explain(_ rows: [Int], side: String, failing: (icp: ICP, evaluation: ICPEvaluation), other: (icp: ICP, evaluation: ICPEvaluation),
                        engine: Engine) -> [Reason] {
        guard !rows.isEmpty else { return [] }
        let asOf = engine.settings.asOf
        let gates = failing.evaluation.parameters.filter { $0.mode != .score }
        var counts: [String: Int] = [:]
        for row in rows {
            var failed: [String] = []
            for gate in gates where gate.matched.contains(row) == (gate.mode == .exclude) {
                let parameter = failing.icp.parameters[gate.index]
                let wanted = parameter.condition.map { RecordExplanation.describe($0.value, asOf: asOf) } ?? ""
                let was = other.icp.parameters.first { $0.field?.value == gate.field && $0.mode?.value == gate.mode }?.condition
                    .map { RecordExplanation.describe($0.value, asOf: asOf) }
                let then = was.map { $0 == wanted ? "" : " (\(side == "removed" ? "was" : "now") \($0))" }
                    ?? (side == "removed" ? " (new)" : " (now gone)")
                failed.append("\(gate.mode.rawValue) \(gate.field) \(wanted)\(then)")
            }
            if !ScoreMath.reaches(failing.evaluation.score(ofRow: row), failing.icp.minScore) {
                let was = other.icp.minScore == failing.icp.minScore ? "" : " (\(side == "removed" ? "was" : "now") \(CountFormat.plain(other.icp.minScore)))"
                failed.append("min_score \(CountFormat.plain(failing.icp.minScore))\(was)")
            }
            let key = failed.count == 1 ? "\(side == "removed" ? "fail only" : "failed only") \(failed[0])" : "\(side == "removed" ? "fail" : "failed") \(failed.count) requirements"
            counts[key, default: 0] += 1
        }
        return counts.map { Reason(side: side, count: $0.value, reason: $0.key) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.reason < $1.reason }
    }

    /// Values of the ICP's text and yes/no columns held by at least half of `rows` and at least
    /// twice as often as among all accounts: what the added or removed accounts have in common.
    static func segments(of rows: [Int], side: String, fields: [String], engine: Engine) -> [Segment] {
        guard rows.count >= 5 else { return [] }
        var found: [Segment] = []
        for field in fields {
            guard let column = engine.accounts.column(named: field) else { continue }
            switch column.cells {
            case .text, .boolean: break
            default: continue
            }
            var counts = [Int](repeating: 0, count: column.values.count)
            for row in rows { counts[Int(column.codes[row])] += 1 }
            for code in 1..<max(column.values.count, 1) where counts[code] * 2 >= rows.count {
                let share = Double(counts[code]) / Double(rows.count)
                let overall = Double(column.counts[code]) / Double(max(engine.accounts.rowCount, 1))
                guard overall > 0, share / overall >= 2 else { continue }
                found.append(Segment(side: side, field: field, value: column.values[code], share: share, lift: share / overall))
            }
        }
        return found.sorted { $0.share != $1.share ? $0.share > $1.share : $0.field < $1.field }
    }
}
