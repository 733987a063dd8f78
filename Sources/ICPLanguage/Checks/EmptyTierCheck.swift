/// `empty-tier`: a tier that no possible score can reach, given the score weights.
///
/// Scores take finitely many values, one per subset of matched score parameters. A tier holds
/// the scores from its minimum (or `min_score`, if higher) up to the next higher tier's minimum.
/// Of two tiers with the same minimum, the first in the file takes the records.
enum EmptyTierCheck {
    /// Above this many score parameters scores are too dense to leave a tier empty by accident; not checked.
    static let maximumScoreParameters = 16

    static func run(on icp: ICP, missing: MissingPolicy) -> [Diagnostic] {
        guard !icp.tiers.isEmpty, let scores = possibleScores(icp.parameters, missing: missing) else { return [] }
        let ordered = icp.tiers.enumerated().sorted {
            $0.element.minimum != $1.element.minimum ? $0.element.minimum > $1.element.minimum : $0.offset < $1.offset
        }.map(\.element)
        var diagnostics: [Diagnostic] = []
        for (index, tier) in ordered.enumerated() {
            let upper = index == 0 ? Double.infinity : ordered[index - 1].minimum
            let lower = max(tier.minimum, icp.minScore)
            guard !scores.contains(where: { $0 >= lower && $0 < upper }) else { continue }
            if upper == tier.minimum {
                let winner = ordered[index - 1].name.value
                diagnostics.append(Diagnostic(.emptyTier, tier.name.range, "No record can land in tier `\(tier.name.value)`: tier `\(winner)` has the same minimum (\(CountFormat.plain(upper))) and comes first, so it takes those records. Give one of them another minimum."))
                continue
            }
            let span = upper.isInfinite ? "\(CountFormat.plain(lower)) or more" : "\(CountFormat.plain(lower)) to below \(CountFormat.plain(upper))"
            let shown = scores.prefix(8).map { CountFormat.plain(ScoreMath.rounded($0)) }.joined(separator: ", ") + (scores.count > 8 ? ", ..." : "")
            diagnostics.append(Diagnostic(.emptyTier, tier.name.range, "No record can land in tier `\(tier.name.value)` (scores \(span)): with these weights the possible scores are \(shown). Change its minimum or the weights."))
        }
        return diagnostics
    }

    /// Every score a record can get, ascending; nil when there are too many score parameters to list.
    /// A `missing: neutral` score parameter also lets a record be scored without it.
    static func possibleScores(_ parameters: [Parameter], missing: MissingPolicy) -> [Double]? {
        let scored = parameters.filter { $0.mode?.value == .score }
        // Decaying points take any value up to their weight: every tier may be reached.
        guard !scored.contains(where: { $0.decay != nil }) else { return nil }
        let weights = scored.map(\.effectiveWeight)
        let neutral = scored.indices.filter { scored[$0].missingPolicy(default: missing) == .neutral }
        guard weights.count + neutral.count <= maximumScoreParameters else { return nil }
        guard !weights.isEmpty else { return [100] }
        // The engine's own subset arithmetic, so the check and the counts agree to the last bit.
        let subsetScore = SubsetScore(weights: weights, absent: neutral)
        let subsets = (0..<(UInt64(1) << UInt64(weights.count + neutral.count))).filter { subset in
            // A record cannot both match a parameter and lack its value.
            !weights.indices.contains { SubsetScore.contains(subset, $0) && subsetScore.isAbsent(subset, $0) }
        }
        return Set(subsets.map { subsetScore.score($0) }).sorted()
    }
}
