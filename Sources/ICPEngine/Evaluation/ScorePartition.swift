import FoundationEssentials
import ICPLanguage

/// Scores without a per-record array: records grouped by which score parameters they match.
///
/// Hot path of every keystroke. A record's score depends only on the subset S of score
/// parameters it matches (bit i of S: parameter i), so it is enough to know, for each S, how
/// many records of the gate (filters passed, no exclude) match exactly S. One pass over the
/// 64-record words splits each word by every score parameter in turn, keeping non-empty parts
/// only (at most 64 a word), so the cost is O(words x parameters) whatever the number of subsets.
/// Qualification, tier counts and each score parameter's `without` then follow from the counts.
struct ScorePartition {
    /// Records of the gate per subset (only subsets that occur).
    let gateCounts: [UInt64: Int]
    /// Every record (gate or not) whose subset's score reaches the threshold.
    let passing: Bitset

    /// Splits the records. `passes(S)` says whether subset S reaches the threshold; it is asked
    /// once per subset that occurs.
    init(scoreSets: [Bitset], gate: Bitset, rowCount: Int, passes: (UInt64) -> Bool) {
        let k = scoreSets.count
        if k <= Self.parallelParameters, gate.words.count >= Self.parallelWords, ProcessInfo.processInfo.activeProcessorCount > 1 {
            // Millions of records: the words split on every core. Every subset's verdict is
            // asked first (at most 4,096), so the cores share one read-only table.
            self = Self.inParallel(scoreSets: scoreSets, gate: gate, rowCount: rowCount, verdicts: (0..<(1 << k)).map { passes(UInt64($0)) })
            return
        }
        // Up to 16 score parameters, counts and verdicts live in arrays indexed by subset; beyond, in dictionaries.
        let dense = k <= 16
        var denseCounts = [Int](repeating: 0, count: dense ? 1 << k : 0)
        var denseVerdicts = [Int8](repeating: -1, count: dense ? 1 << k : 0)
        var sparseCounts: [UInt64: Int] = [:]
        var sparseVerdicts: [UInt64: Bool] = [:]
        var passing = Bitset(count: rowCount)
        let wordCount = gate.words.count
        // Two scratch buffers of (part, subset) reused for every word: a word splits into at most 64 parts.
        var current = [(UInt64, UInt64)](repeating: (0, 0), count: 64)
        var next = [(UInt64, UInt64)](repeating: (0, 0), count: 64)
        let lastBits = rowCount % 64 == 0 ? ~UInt64(0) : (UInt64(1) << UInt64(rowCount % 64)) - 1
        for word in 0..<wordCount {
            let parts = Self.split(word == wordCount - 1 ? lastBits : ~UInt64(0), word: word, by: scoreSets, into: &current, scratch: &next)
            var passingWord: UInt64 = 0
            let gateWord = gate.words[word]
            for index in 0..<parts {
                let (part, subset) = current[index]
                let inGate = (part & gateWord).nonzeroBitCount
                let verdict: Bool
                if dense {
                    let slot = Int(subset)
                    if denseVerdicts[slot] < 0 { denseVerdicts[slot] = passes(subset) ? 1 : 0 }
                    verdict = denseVerdicts[slot] == 1
                    denseCounts[slot] += inGate
                } else {
                    if let known = sparseVerdicts[subset] {
                        verdict = known
                    } else {
                        verdict = passes(subset)
                        sparseVerdicts[subset] = verdict
                    }
                    if inGate > 0 { sparseCounts[subset, default: 0] += inGate }
                }
                if verdict { passingWord |= part }
            }
            passing.setWord(word, passingWord)
        }
        if dense {
            var counts: [UInt64: Int] = [:]
            for (slot, count) in denseCounts.enumerated() where count > 0 { counts[UInt64(slot)] = count }
            gateCounts = counts
        } else {
            gateCounts = sparseCounts
        }
        self.passing = passing
    }

    private init(gateCounts: [UInt64: Int], passing: Bitset) {
        self.gateCounts = gateCounts
        self.passing = passing
    }

    /// Records from which the words are split on every core (the keystroke at 10,000,000 records
    /// spent half its time here), and the most score parameters for it (2^12 verdicts asked first).
    static let parallelWords = 16_384
    static let parallelParameters = 12

    private static func inParallel(scoreSets: [Bitset], gate: Bitset, rowCount: Int, verdicts: [Bool]) -> ScorePartition {
        let wordCount = gate.words.count
        let pieces = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        let bounds = (0..<pieces).map { wordCount * $0 / pieces ..< wordCount * ($0 + 1) / pieces }
        let lastBits = rowCount % 64 == 0 ? ~UInt64(0) : (UInt64(1) << UInt64(rowCount % 64)) - 1
        let parts = bounds.concurrentMap { range -> (counts: [Int], words: [UInt64]) in
            var counts = [Int](repeating: 0, count: verdicts.count)
            var words = [UInt64](repeating: 0, count: range.count)
            var current = [(UInt64, UInt64)](repeating: (0, 0), count: 64)
            var next = [(UInt64, UInt64)](repeating: (0, 0), count: 64)
            for word in range {
                let parts = split(word == wordCount - 1 ? lastBits : ~UInt64(0), word: word, by: scoreSets, into: &current, scratch: &next)
                let gateWord = gate.words[word]
                var passingWord: UInt64 = 0
                for index in 0..<parts {
                    let (part, subset) = current[index]
                    counts[Int(subset)] += (part & gateWord).nonzeroBitCount
                    if verdicts[Int(subset)] { passingWord |= part }
                }
                words[word - range.lowerBound] = passingWord
            }
            return (counts, words)
        }
        var passing = Bitset(count: rowCount)
        var counts: [UInt64: Int] = [:]
        for (range, part) in zip(bounds, parts) {
            for (offset, word) in part.words.enumerated() { passing.setWord(range.lowerBound + offset, word) }
            for (subset, count) in part.counts.enumerated() where count > 0 { counts[UInt64(subset), default: 0] += count }
        }
        return ScorePartition(gateCounts: counts, passing: passing)
    }

    /// Records of `gate` per subset, without `passing`: only the words holding gate records are
    /// split, so a gate of a few thousand records (the enrichment candidates) costs little.
    static func gateCounts(scoreSets: [Bitset], gate: Bitset) -> [UInt64: Int] {
        var counts: [UInt64: Int] = [:]
        var current = [(UInt64, UInt64)](repeating: (0, 0), count: 64)
        var next = [(UInt64, UInt64)](repeating: (0, 0), count: 64)
        for (word, bits) in gate.words.enumerated() where bits != 0 {
            let parts = split(bits, word: word, by: scoreSets, into: &current, scratch: &next)
            for index in 0..<parts { counts[current[index].1, default: 0] += current[index].0.nonzeroBitCount }
        }
        return counts
    }

    /// Splits the records `bits` of one word by every score parameter in turn: `current[0..<n]`
    /// (n returned) are the non-empty parts with the subset each matches.
    @inline(__always)
    private static func split(_ bits: UInt64, word: Int, by scoreSets: [Bitset], into current: inout [(UInt64, UInt64)], scratch next: inout [(UInt64, UInt64)]) -> Int {
        current[0] = (bits, 0)
        var parts = 1
        for parameter in 0..<scoreSets.count {
            let mask = scoreSets[parameter].words[word]
            var produced = 0
            for index in 0..<parts {
                let (part, subset) = current[index]
                let inside = part & mask
                let outside = part & ~mask
                if inside != 0 { next[produced] = (inside, subset | (1 << UInt64(parameter))); produced += 1 }
                if outside != 0 { next[produced] = (outside, subset); produced += 1 }
            }
            swap(&current, &next)
            parts = produced
        }
        return parts
    }
}
