import ICPLanguage
/// What a column holds, for hover and completion: type, coverage, the most frequent values
/// (text and lists) or the spread (numbers and dates).
public struct ColumnProfile: Sendable {
    public struct Value: Sendable, Hashable {
        public let text: String
        public let count: Int
        /// How the value compares (by meaning for numbers, dates, booleans and bands).
        let key: String
    }

    /// Five-number summary of a number or date column, as written in the data.
    public struct Spread: Sendable {
        public let minimum: String
        public let lowerQuartile: String
        public let median: String
        public let upperQuartile: String
        public let maximum: String
    }

    public let name: String
    public let type: ColumnType
    public let present: Int
    public let total: Int
    /// Values by record count, most frequent first (list columns: per element).
    public let values: [Value]
    public let spread: Spread?
    /// How the cells were read: unit, date order, questions.
    public let reading: ColumnReading

    init(_ column: Column, catalog: ValueCatalog) {
        name = column.name
        type = column.type
        reading = column.reading
        present = column.presentCount
        total = column.rowCount
        values = catalog.byFrequency.map { Value(text: $0.text, count: $0.count, key: $0.key) }
        spread = Self.spread(of: column)
    }

    /// Records holding `text` (list columns: as an element), compared as the column compares.
    public func count(of text: String) -> Int {
        let key = ValueCatalog.key(text, type: type, reading: reading)
        return values.filter { $0.key == key }.reduce(0) { $0 + $1.count }
    }

    public var coverage: Double { total == 0 ? 0 : Double(present) / Double(total) }

    private static func spread(of column: Column) -> Spread? {
        let keys: [Double]
        switch column.cells {
        case .number(let numbers): keys = numbers
        case .date(let days): keys = days.map(Double.init)
        default: return nil
        }
        let codes = (1..<max(column.values.count, 1)).filter { column.counts[$0] > 0 }.sorted { keys[$0] < keys[$1] }
        guard !codes.isEmpty else { return nil }
        let present = codes.reduce(0) { $0 + column.counts[$1] }
        func at(_ fraction: Double) -> String {
            let target = Int((Double(present - 1) * fraction).rounded(.down))
            var seen = 0
            for code in codes {
                seen += column.counts[code]
                if seen > target { return column.values[code] }
            }
            return column.values[codes[codes.count - 1]]
        }
        return Spread(minimum: at(0), lowerQuartile: at(0.25), median: at(0.5), upperQuartile: at(0.75), maximum: at(1))
    }
}
