import ICPLanguage
import ICPEngine

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
        var table = ProbeTable()
        for part in 0..<partitions.count {
            let members = partitions.members(of: part)
            table.reset(for: members.count)
            for member in members {
                let index = Int(member)
                let earlier = table.findOrInsert(index, hash: hashes[index]) { hashes[$0] == hashes[index] && values.equals($0, index, in: values) }
                first[index] = UInt32(earlier ?? index)
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
