import ICPLanguage
/// The element ids of each distinct list of a list column, in one flat array: list i is
/// `ids[offsets[i]..<offsets[i + 1]]`. An array per list cost a heap block each (about 50
/// bytes beside the ids): 15 MB for a column of 300,000 distinct lists.
///
/// Both arrays sit behind one reference, so the table is one word in ``CellValues``: an enum
/// payload of two words carries the case in spare bits of a pointer, which the leak checker of
/// the fuzz targets cannot follow.
public struct ListTable: Sendable, RandomAccessCollection {
    private final class Storage: Sendable {
        let ids: [UInt32]
        /// One more than the lists; ids are fewer than 2^32 (a data file is at most 2 GB).
        let offsets: [UInt32]

        init(ids: [UInt32], offsets: [UInt32]) {
            self.ids = ids
            self.offsets = offsets
        }
    }

    /// Builds a table list by list.
    public struct Builder {
        private var ids: [UInt32] = []
        private var offsets: [UInt32] = [0]

        public init() {}

        public mutating func append(_ list: some Collection<UInt32>) {
            ids.append(contentsOf: list)
            offsets.append(UInt32(ids.count))
        }

        public var table: ListTable { ListTable(storage: Storage(ids: ids, offsets: offsets)) }
    }

    private let storage: Storage

    private init(storage: Storage) {
        self.storage = storage
    }

    public init(_ lists: some Sequence<[UInt32]>) {
        var builder = Builder()
        for list in lists { builder.append(list) }
        self = builder.table
    }

    /// From the stored form; nil unless the offsets start at 0, never fall and end at `ids.count`.
    public init?(ids: [UInt32], offsets: [UInt32]) {
        guard offsets.first == 0, Int(offsets.last ?? 1) == ids.count, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
        storage = Storage(ids: ids, offsets: offsets)
    }

    public var ids: [UInt32] { storage.ids }
    public var offsets: [UInt32] { storage.offsets }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.offsets.count - 1 }

    public subscript(position: Int) -> ArraySlice<UInt32> {
        storage.ids[Int(storage.offsets[position])..<Int(storage.offsets[position + 1])]
    }
}
