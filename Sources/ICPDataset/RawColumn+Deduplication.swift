import Foundation
import ICPCore

extension RawColumn {
    /// Gives each distinct text one code, the first it had, so values keep the order they first
    /// appear in. The values are partitioned by the top bits of their hash, each part small
    /// enough for its lookup table to stay in the processor's cache.
    mutating func deduplicate() {
        let count = values.count
        guard count > 2 else { return }
        var hashes = [UInt64](repeating: 0, count: count)
        values.forEachBytes { index, span in hashes[index] = ByteInterner.hash(span) }
        let partitions = HashPartitions(items: (1..<count).map(UInt32.init), hashes: hashes, bits: HashPartitions.bits(for: count))
        // first[i]: the earliest code with the same text as code i.
        var first = [UInt32](repeating: 0, count: count)
        var table: [UInt32] = []
        values.bytes.withUnsafeBufferPointer { bytes in
            func same(_ a: Int, _ b: Int) -> Bool {
                let length = values.offsets[a + 1] - values.offsets[a]
                guard length == values.offsets[b + 1] - values.offsets[b] else { return false }
                guard length > 0, let base = bytes.baseAddress else { return true }
                return memcmp(base + values.offsets[a], base + values.offsets[b], length) == 0
            }
            for part in 0..<partitions.count {
                let members = partitions.members(of: part)
                var size = 16
                while size < members.count * 2 { size *= 2 }
                table.removeAll(keepingCapacity: true)
                table.append(contentsOf: repeatElement(0, count: size))
                for member in members {
                    let index = Int(member)
                    first[index] = member
                    var slot = Int(truncatingIfNeeded: hashes[index]) & (size - 1)
                    while table[slot] != 0 {
                        let earlier = Int(table[slot])
                        if hashes[earlier] == hashes[index], same(earlier, index) {
                            first[index] = table[slot]
                            break
                        }
                        slot = (slot + 1) & (size - 1)
                    }
                    if first[index] == member { table[slot] = member }
                }
            }
        }
        // Renumber: the first code of each text, in order.
        var renumbered = [UInt32](repeating: 0, count: count)
        var kept = TextTable([""])
        values.forEachBytes { index, span in
            guard index > 0 else { return }
            if Int(first[index]) == index {
                renumbered[index] = UInt32(kept.count)
                kept.append(bytes: span)
            } else {
                renumbered[index] = renumbered[Int(first[index])]
            }
        }
        guard kept.count < count else { return }
        values = kept
        for row in codes.indices { codes[row] = renumbered[Int(codes[row])] }
    }
}
