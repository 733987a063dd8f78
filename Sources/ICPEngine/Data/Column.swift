import Synchronization
import ICPLanguage

/// The typed meaning of each distinct cell value of a column, indexed by code.
public enum CellValues: Sendable {
    /// Trimmed, lowercased text: what comparisons use.
    case text(normalized: TextTable)
    case number([Double])
    case boolean([Bool])
    /// Days since 1970-01-01 (a timestamp's date part).
    case date([Int32])
    /// The element ids of each distinct list; elements are listed in ``Column/elements``.
    case list(ListTable)
    /// Bands (`51-200`, `10,000+`), in the column's unit.
    case range([Band])
}

/// One column of a dataset, dictionary-encoded.
///
/// Every row holds a code; code 0 is "missing" (empty cell, a `missing_values` text, null,
/// absent key, empty list, or a value an override type cannot read). Codes 1... index the
/// distinct values: their text as written (trimmed) in `values` and their typed meaning in
/// `cells`. A condition is decided once per distinct value, then mapped over the codes.
public struct Column: Sendable {
    public let name: String
    public let type: ColumnType
    /// One code per row; 0 is missing.
    public let codes: [UInt32]
    /// Text of each code as written (trimmed); `values[0]` is "".
    public let values: TextTable
    /// Typed value of each code; entry 0 is a placeholder for missing.
    public let cells: CellValues
    /// Rows holding each code.
    public let counts: [Int]
    /// For list columns: each distinct element as written, and lowercased.
    public let elements: TextTable
    public let normalizedElements: TextTable
    /// How the cells were read: unit, date order, what is left to settle.
    public let reading: ColumnReading

    public init(name: String, type: ColumnType, codes: [UInt32], values: TextTable, cells: CellValues,
                elements: TextTable = TextTable(), normalizedElements: TextTable = TextTable(), reading: ColumnReading = ColumnReading()) {
        self.name = name
        self.reading = reading
        self.type = type
        self.codes = codes
        self.values = values
        self.cells = cells
        self.elements = elements
        self.normalizedElements = normalizedElements
        var counts = [Int](repeating: 0, count: values.count)
        for code in codes { counts[Int(code)] += 1 }
        self.counts = counts
    }

    /// The same column read as `reading` says (the cache stores the reading after the cells).
    public func withReading(_ reading: ColumnReading) -> Column {
        Column(copying: self, reading: reading)
    }

    private init(copying column: Column, reading: ColumnReading) {
        name = column.name
        type = column.type
        codes = column.codes
        values = column.values
        cells = column.cells
        counts = column.counts
        elements = column.elements
        normalizedElements = column.normalizedElements
        self.reading = reading
    }

    public var rowCount: Int { codes.count }

    /// Rows with a value.
    public var presentCount: Int { rowCount - (counts.first ?? 0) }

    /// The text of a row's value as written, or nil when missing.
    public func text(atRow row: Int) -> String? {
        let code = Int(codes[row])
        return code == 0 ? nil : values[code]
    }
}

/// A table of records, column by column. Its columns are either all at hand, or decoded one
/// by one on first use (``LazyColumns``: a dataset cache opened warm, where a preview reads only
/// the columns its ICPs name).
public struct ColumnStore: Sendable {
    public let rowCount: Int
    public let columnNames: [String]
    /// How the file was read: delimiter, encoding, header, rows left out.
    public var reading = DatasetReading()
    private let source: LazyColumns
    private let index: [String: Int]

    public init(rowCount: Int, columns: [Column]) {
        self.init(rowCount: rowCount, names: columns.map(\.name), source: LazyColumns(columns))
    }

    /// Columns named `names`, the one at position i made by `decode(i)` when first asked for.
    public init(rowCount: Int, names: [String], decode: @escaping @Sendable (Int) -> Column) {
        self.init(rowCount: rowCount, names: names, source: LazyColumns(count: names.count, decode: decode))
    }

    private init(rowCount: Int, names: [String], source: LazyColumns) {
        self.rowCount = rowCount
        self.columnNames = names
        self.source = source
        var index: [String: Int] = [:]
        for (position, name) in names.enumerated() where index[name] == nil {
            index[name] = position
        }
        self.index = index
    }

    /// Every column (decoding those not decoded yet, on every core).
    public var columns: [Column] { source.all() }

    public func column(named name: String) -> Column? {
        index[name].map { source.column(at: $0) }
    }

    /// Decodes the named columns not decoded yet, side by side on every core: what an
    /// evaluation is about to read.
    public func prefetch(_ names: some Sequence<String>) {
        source.prefetch(Set(names.compactMap { index[$0] }))
    }
}

/// Columns made on first use and kept. Two threads asking for the same column at once may both
/// decode it; the first to finish is kept. Once every column is made, the decoder (and what it
/// holds: a mapped cache file) is let go.
final class LazyColumns: Sendable {
    private struct State {
        var made: [Column?]
        var decode: (@Sendable (Int) -> Column)?
    }

    private let state: Mutex<State>

    init(count: Int, decode: @escaping @Sendable (Int) -> Column) {
        self.state = Mutex(State(made: Array(repeating: nil, count: count), decode: decode))
    }

    init(_ columns: [Column]) {
        self.state = Mutex(State(made: columns, decode: nil))
    }

    func column(at position: Int) -> Column {
        let (known, decode) = state.withLock { ($0.made[position], $0.decode) }
        if let known { return known }
        guard let decode else { preconditionFailure("a column is missing once all were made") }
        let column = decode(position)
        return state.withLock { state in
            if let first = state.made[position] { return first }
            state.made[position] = column
            if !state.made.contains(where: { $0 == nil }) { state.decode = nil }
            return column
        }
    }

    func all() -> [Column] {
        prefetch(Set(0..<state.withLock(\.made.count)))
        return state.withLock { $0.made.compactMap { $0 } }
    }

    func prefetch(_ positions: Set<Int>) {
        let missing = state.withLock { state in positions.filter { state.made[$0] == nil }.sorted() }
        if missing.count > 1 {
            _ = missing.concurrentMap { column(at: $0) }
        } else if let only = missing.first {
            _ = column(at: only)
        }
    }
}
