import ICPLanguage
/// A set of row indices as bits, 64 rows a word: match sets, qualified sets, presence.
///
/// Hot path: the engine combines these with word-wide AND/OR and counts with popcount, so
/// the loops stay plain and allocation-free. Bits past `count` are always zero.
public struct Bitset: Sendable, Hashable {
    public private(set) var words: [UInt64]
    /// How many rows the set ranges over.
    public let count: Int

    /// An empty set over `count` rows.
    public init(count: Int) {
        self.count = count
        self.words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    /// Every row of `count`.
    public static func all(_ count: Int) -> Bitset {
        var set = Bitset(count: count)
        for index in set.words.indices { set.words[index] = ~0 }
        set.clearTail()
        return set
    }

    /// Rows whose code is marked true in `table` (0 marks missing cells). A table that marks
    /// no code (a value no record has) costs no scan of the rows.
    public init(codes: [UInt32], matching table: [Bool]) {
        self.init(count: codes.count)
        guard table.contains(true) else { return }
        codes.withUnsafeBufferPointer { codes in
            table.withUnsafeBufferPointer { table in
                words.withUnsafeMutableBufferPointer { words in
                    var row = 0
                    for wordIndex in 0..<words.count {
                        var word: UInt64 = 0
                        let end = min(row + 64, codes.count)
                        var bit: UInt64 = 1
                        while row < end {
                            if table[Int(codes[row])] { word |= bit }
                            bit &<<= 1
                            row += 1
                        }
                        words[wordIndex] = word
                    }
                }
            }
        }
    }

    private mutating func clearTail() {
        let extra = words.count * 64 - count
        if extra > 0, let last = words.indices.last {
            words[last] &= ~0 >> UInt64(extra)
        }
    }

    public func contains(_ row: Int) -> Bool {
        words[row >> 6] & (1 << UInt64(row & 63)) != 0
    }

    /// Sets the 64 rows of word `index` at once (bits past `count` must be zero).
    mutating func setWord(_ index: Int, _ word: UInt64) {
        words[index] = word
    }

    public mutating func insert(_ row: Int) {
        words[row >> 6] |= 1 << UInt64(row & 63)
    }

    /// How many rows are in the set.
    public var cardinality: Int {
        words.reduce(0) { $0 + $1.nonzeroBitCount }
    }

    public func intersection(_ other: Bitset) -> Bitset {
        var result = self
        result.formIntersection(other)
        return result
    }

    public mutating func formIntersection(_ other: Bitset) {
        for index in words.indices { words[index] &= other.words[index] }
    }

    public func union(_ other: Bitset) -> Bitset {
        var result = self
        result.formUnion(other)
        return result
    }

    public mutating func formUnion(_ other: Bitset) {
        for index in words.indices { words[index] |= other.words[index] }
    }

    /// Rows in this set and not in `other`.
    public func subtracting(_ other: Bitset) -> Bitset {
        var result = self
        for index in result.words.indices { result.words[index] &= ~other.words[index] }
        return result
    }

    /// Rows not in the set.
    public func complement() -> Bitset {
        var result = self
        for index in result.words.indices { result.words[index] = ~result.words[index] }
        result.clearTail()
        return result
    }

    /// Size of the intersection without building it.
    public func intersectionCount(_ other: Bitset) -> Int {
        var total = 0
        for index in words.indices { total += (words[index] & other.words[index]).nonzeroBitCount }
        return total
    }

    /// Calls `body` with each row in the set, ascending.
    public func forEach(_ body: (Int) throws -> Void) rethrows {
        for (wordIndex, word) in words.enumerated() {
            var remaining = word
            while remaining != 0 {
                let bit = remaining.trailingZeroBitCount
                try body(wordIndex << 6 + bit)
                remaining &= remaining - 1
            }
        }
    }
}
