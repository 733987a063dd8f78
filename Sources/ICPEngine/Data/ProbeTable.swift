import ICPLanguage
/// An open-addressing table of item numbers for one part of a ``HashPartitions``: small enough
/// to stay in cache, emptied and reused part after part. Items are compared by the caller.
public struct ProbeTable {
    private var slots: [Int32] = []
    private var mask = 0

    public init() {}

    /// Empties the table and sizes it for `count` items (at most half full).
    public mutating func reset(for count: Int) {
        var size = 16
        while size < count * 2 { size *= 2 }
        slots.removeAll(keepingCapacity: true)
        slots.append(contentsOf: repeatElement(-1, count: size))
        mask = size - 1
    }

    /// The stored item with this hash that `same` accepts, if any.
    public func find(_ hash: UInt64, where same: (Int) -> Bool) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            if same(Int(slots[slot])) { return Int(slots[slot]) }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// The stored item with this hash that `same` accepts; when there is none, `item` is stored
    /// and nil returned (so the first of equal items is the one kept).
    public mutating func findOrInsert(_ item: Int, hash: UInt64, where same: (Int) -> Bool) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            if same(Int(slots[slot])) { return Int(slots[slot]) }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(item)
        return nil
    }
}
