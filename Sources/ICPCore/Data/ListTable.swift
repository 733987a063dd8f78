/// The element ids of each distinct list of a list column, in one flat array: list i is
/// `ids[offsets[i]..<offsets[i + 1]]`. An array per list cost a heap block each (about 50
/// bytes beside the ids): 15 MB for a column of 300,000 distinct lists.
public struct ListTable: Sendable, RandomAccessCollection {
    public private(set) var ids: [UInt32] = []
    /// One more than the lists; ids are fewer than 2^32 (a data file is at most 2 GB).
    public private(set) var offsets: [UInt32] = [0]

    public init() {}

    public init(_ lists: some Sequence<[UInt32]>) {
        for list in lists { append(list) }
    }

    /// From the stored form; nil unless the offsets start at 0, never fall and end at `ids.count`.
    public init?(ids: [UInt32], offsets: [UInt32]) {
        guard offsets.first == 0, Int(offsets.last ?? 1) == ids.count, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
        self.ids = ids
        self.offsets = offsets
    }

    public mutating func append(_ list: some Collection<UInt32>) {
        ids.append(contentsOf: list)
        offsets.append(UInt32(ids.count))
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count - 1 }

    public subscript(position: Int) -> ArraySlice<UInt32> {
        ids[Int(offsets[position])..<Int(offsets[position + 1])]
    }
}
