/// Tiers ordered for assignment: highest minimum first; of equal minimums, the first in the file.
package struct TierLadder: Sendable {
    package let ordered: [Tier]

    package init(_ tiers: [Tier]) {
        ordered = tiers.enumerated().sorted {
            $0.element.minimum != $1.element.minimum ? $0.element.minimum > $1.element.minimum : $0.offset < $1.offset
        }.map(\.element)
    }

    package func tier(for score: Double) -> String? {
        rank(for: score).map { ordered[$0].name.value }
    }

    /// The position in `ordered` (0: the highest tier) of the tier a score lands in.
    package func rank(for score: Double) -> Int? {
        ordered.firstIndex { ScoreMath.reaches(score, $0.minimum) }
    }
}

/// Score arithmetic shared by every place that compares or shows a score.
public enum ScoreMath {
    /// Scores are sums of weights divided by their total; this tolerance absorbs the last-bit
    /// noise of that arithmetic so that a score of exactly 50 always reaches a threshold of 50.
    public static let tolerance = 1e-9

    /// Whether `score` is at least `threshold`.
    public static func reaches(_ score: Double, _ threshold: Double) -> Bool {
        score >= threshold - tolerance
    }

    /// Rounded to one decimal, halves away from zero (66.65 → 66.7), as the format shows scores.
    public static func rounded(_ score: Double) -> Double {
        (score * 10).rounded(.toNearestOrAwayFromZero) / 10
    }
}
