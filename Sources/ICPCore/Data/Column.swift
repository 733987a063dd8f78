/// The typed meaning of each distinct cell value of a column, indexed by code.
public enum CellValues: Sendable {
    /// Trimmed, lowercased text: what comparisons use.
    case text(normalized: TextTable)
    case number([Double])
    case boolean([Bool])
    /// Days since 1970-01-01 (a timestamp's date part).
    case date([Int32])
    /// The element ids of each distinct list; elements are listed in ``Column/elements``.
    case list([[UInt32]])
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

    public init(name: String, type: ColumnType, codes: [UInt32], values: TextTable, cells: CellValues,
                elements: TextTable = TextTable(), normalizedElements: TextTable = TextTable()) {
        self.name = name
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

    public var rowCount: Int { codes.count }

    /// Rows with a value.
    public var presentCount: Int { rowCount - (counts.first ?? 0) }

    /// The text of a row's value as written, or nil when missing.
    public func text(atRow row: Int) -> String? {
        let code = Int(codes[row])
        return code == 0 ? nil : values[code]
    }
}

/// A table of records, column by column.
public struct ColumnStore: Sendable {
    public let rowCount: Int
    public let columns: [Column]
    private let index: [String: Int]

    public init(rowCount: Int, columns: [Column]) {
        self.rowCount = rowCount
        self.columns = columns
        var index: [String: Int] = [:]
        for (position, column) in columns.enumerated() where index[column.name] == nil {
            index[column.name] = position
        }
        self.index = index
    }

    public func column(named name: String) -> Column? {
        index[name].map { columns[$0] }
    }

    public var columnNames: [String] { columns.map(\.name) }
}
