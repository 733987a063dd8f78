import ICPLanguage
import ICPEngine
/// ``Overlap`` as `icp overlap --format json` and `icp report` write it: per ICP what it
/// qualifies and keeps, per ordered pair what they share and what the first takes.
public struct OverlapReport: Sendable, Encodable {
    public struct ICPRow: Sendable, Encodable {
        public let icp: String
        public let status: String
        public let priority: Int
        public let qualified: Int
        /// Accounts that get its code; null for an ICP that is not live.
        @EncodedAsNull public var kept: Int?
    }

    public struct Pair: Sendable, Encodable {
        public let icp: String
        public let other: String
        public let shared: Int
        public let jaccard: Double
        /// Accounts of `other` that get `icp`'s code.
        public let takes: Int
    }

    public let dataset: String
    public let icps: [ICPRow]
    public let pairs: [Pair]

    /// `statuses`: the ICPs' statuses, in the overlap's order.
    public init(dataset: String, overlap: Overlap, statuses: [String]) {
        self.dataset = dataset
        icps = overlap.codes.indices.map { index in
            ICPRow(icp: overlap.codes[index], status: statuses[index], priority: overlap.priorities[index],
                   qualified: overlap.qualified[index], kept: overlap.kept[index])
        }
        pairs = overlap.codes.indices.flatMap { i in
            overlap.codes.indices.filter { $0 != i }.map { j in
                Pair(icp: overlap.codes[i], other: overlap.codes[j], shared: overlap.shared[i][j], jaccard: overlap.jaccard(i, j), takes: overlap.takes[i][j])
            }
        }
    }

    /// The pair of the ICPs at positions `i` and `j` of ``icps``; nil on the diagonal. Pairs are
    /// held row by row, so this is a lookup, not a search.
    public func pair(_ i: Int, _ j: Int) -> Pair? {
        guard i != j, icps.indices.contains(i), icps.indices.contains(j) else { return nil }
        return pairs[i * (icps.count - 1) + (j < i ? j : j - 1)]
    }

    /// The ordered pairs where the first takes accounts of the second, most first.
    public var takings: [Pair] {
        pairs.filter { $0.takes > 0 }.sorted { $0.takes != $1.takes ? $0.takes > $1.takes : $0.icp < $1.icp }
    }
}
