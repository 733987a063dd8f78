import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights

/// The score partition against a record-by-record count, on both of its paths: one pass for
/// small data, the words split on every core past ``ScorePartition/parallelWords`` words.
struct ScorePartitionTests {
    /// A reproducible bitset with about `density` of `count` records set.
    static func bitset(_ count: Int, density: Double, seed: inout UInt64) -> Bitset {
        var set = Bitset(count: count)
        for row in 0..<count {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            if Double(seed >> 11) / Double(1 << 53) < density { set.insert(row) }
        }
        return set
    }

    @Test(arguments: [1_000, 64 * ScorePartition.parallelWords + 37])
    func countsAndPassingEqualTheRecordByRecordOnes(rows: Int) {
        var seed: UInt64 = 42
        let sets = [0.5, 0.2, 0.7, 0.05, 0.33].map { Self.bitset(rows, density: $0, seed: &seed) }
        let gate = Self.bitset(rows, density: 0.4, seed: &seed)
        let weights: [UInt64: Int] = [0: 3, 1: 1, 2: 2, 3: 5, 4: 1]
        let passes = { (subset: UInt64) in (0..<5).reduce(0) { $0 + (subset & (1 << UInt64($1)) != 0 ? weights[UInt64($1)]! : 0) } >= 5 }
        let partition = ScorePartition(scoreSets: sets, gate: gate, rowCount: rows, passes: passes)
        var counts: [UInt64: Int] = [:]
        var passing = Bitset(count: rows)
        for row in 0..<rows {
            let subset = (0..<5).reduce(UInt64(0)) { $0 | (sets[$1].contains(row) ? 1 << UInt64($1) : 0) }
            if gate.contains(row) { counts[subset, default: 0] += 1 }
            if passes(subset) { passing.insert(row) }
        }
        #expect(partition.gateCounts == counts)
        #expect(partition.passing == passing)
        #expect(ScorePartition.gateCounts(scoreSets: sets, gate: gate) == counts)
    }
}
