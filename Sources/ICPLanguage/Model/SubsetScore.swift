/// The score of each subset of score parameters (format.md, Evaluation), summed in parameter order exactly
/// as a record's score is, so the subset view and the per-record view agree to the last bit.
///
/// With `missing: neutral` score parameters, a subset also says which of them the record has no
/// value for: bit `weights.count + j` stands for the score parameter `absent[j]`, whose weight
/// then leaves the record's total.
package struct SubsetScore: Sendable {
    package let weights: [Double]
    /// For each absence bit (after the score parameters' bits), the score parameter it is about.
    package let absent: [Int]
    /// For each score parameter, its absence bit, if it is neutral.
    private let absenceBit: [Int?]

    package init(weights: [Double], absent: [Int] = []) {
        self.weights = weights
        self.absent = absent
        var bits = [Int?](repeating: nil, count: weights.count)
        for (number, index) in absent.enumerated() { bits[index] = weights.count + number }
        absenceBit = bits
    }

    /// `100 * (weights of S) / (weights of the parameters the record has data for)`; 100 with no weight.
    package func score(_ subset: UInt64) -> Double {
        let total = total(subset)
        return total > 0 ? 100 * earned(subset) / total : 100
    }

    /// The weights the record is scored over: every score parameter's but the absent neutral ones', in parameter order.
    package func total(_ subset: UInt64) -> Double {
        var total = 0.0
        for (index, weight) in weights.enumerated() where !isAbsent(subset, index) { total += weight }
        return total
    }

    /// Whether score parameter `index` is neutral and the record has no value for it.
    package func isAbsent(_ subset: UInt64, _ index: Int) -> Bool {
        absenceBit[index].map { Self.contains(subset, $0) } ?? false
    }

    /// The weights of the parameters in `subset`, summed in parameter order.
    package func earned(_ subset: UInt64) -> Double {
        var earned = 0.0
        for (index, weight) in weights.enumerated() where Self.contains(subset, index) { earned += weight }
        return earned
    }

    /// Whether parameter `index` is in `subset` (a parameter past the 64th is in none).
    package static func contains(_ subset: UInt64, _ index: Int) -> Bool {
        index < 64 && subset & (1 << UInt64(index)) != 0
    }
}
