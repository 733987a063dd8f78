import ICPLanguage
/// Items split by the top bits of their hash into parts small enough that a lookup table over
/// one part stays in the processor's cache: matching a million keys part by part touches
/// memory in order instead of at random. Inside a part, items keep their given order.
public struct HashPartitions: Sendable {
    /// How many top bits of a hash pick the part.
    public let bits: Int
    private let starts: [Int]
    private let order: [UInt32]

    /// Parts of about 4,096 items for `expected` items (at least 2, at most 65,536 parts).
    public static func bits(for expected: Int) -> Int {
        let perPart = max(1, expected / 4_096)
        return max(1, min(16, perPart.bitWidth - perPart.leadingZeroBitCount))
    }

    /// Partitions `items` (indices into `hashes`) by `bits` top bits of their hash.
    public init(items: [UInt32], hashes: [UInt64], bits: Int) {
        self.bits = bits
        let shift = UInt64(64 - bits)
        var starts = [Int](repeating: 0, count: (1 << bits) + 1)
        for item in items { starts[Int(hashes[Int(item)] >> shift) + 1] += 1 }
        for part in 0..<(1 << bits) { starts[part + 1] += starts[part] }
        var order = [UInt32](repeating: 0, count: items.count)
        var fill = starts
        for item in items {
            let part = Int(hashes[Int(item)] >> shift)
            order[fill[part]] = item
            fill[part] += 1
        }
        self.starts = starts
        self.order = order
    }

    public var count: Int { 1 << bits }

    /// The items of part `part`, in their given order.
    public func members(of part: Int) -> ArraySlice<UInt32> {
        order[starts[part]..<starts[part + 1]]
    }

    /// The largest part's size, for sizing one reusable table.
    public var largest: Int {
        (0..<count).reduce(0) { max($0, starts[$1 + 1] - starts[$1]) }
    }
}
