import ICPLanguage

/// The distinct values of a column as a user would name them, with how many records hold each.
struct ValueCatalog {
    struct Entry {
        var text: String
        var count: Int
    }

    private let column: Column
    /// Normalized value → display text and record count; for lists, per element.
    private let byKey: [String: Entry]
    /// Values by record count, most frequent first.
    let byFrequency: [Entry]

    /// Spelling suggestions look among this many of the most frequent values, so a column of a
    /// million distinct names does not make each keystroke compare against all of them.
    static let suggestionPool = 10_000


    init(_ column: Column) {
        self.column = column
        var entries: [String: Entry] = [:]
        // The arrays read in the loops, taken out of the column first: reading them through the
        // column copied the whole column (a dozen references) on every value.
        let (values, counts, type) = (column.values, column.counts, column.type)
        switch column.cells {
        case .list(let lists):
            // Each element counted once per list holding it: totals per element code, then names.
            let (elements, normalizedElements) = (column.elements, column.normalizedElements)
            var totals = [Int](repeating: 0, count: elements.count)
            for code in 1..<max(values.count, 1) where counts[code] > 0 {
                for element in lists[code] { totals[Int(element)] += counts[code] }
            }
            for (element, total) in totals.enumerated() where total > 0 {
                entries[normalizedElements[element], default: Entry(text: elements[element], count: 0)].count += total
            }
        default:
            for code in 1..<max(values.count, 1) where counts[code] > 0 {
                let text = values[code]
                entries[Self.key(text, type: type), default: Entry(text: text, count: 0)].count += counts[code]
            }
        }
        self.byKey = entries
        self.byFrequency = entries.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.text < $1.text }
    }

    /// How a value is looked up: numbers, booleans and dates by meaning, text by its normalized form.
    static func key(_ text: String, type: ColumnType) -> String {
        switch type {
        case .number: ScalarReading.number(text).map { "\($0)" } ?? TextNormalization.normalize(text)
        case .boolean: ScalarReading.boolean(text).map { "\($0)" } ?? TextNormalization.normalize(text)
        case .date: ScalarReading.date(text).map { "\($0)" } ?? TextNormalization.normalize(text)
        case .text, .list: TextNormalization.normalize(text)
        }
    }

    func contains(_ text: String) -> Bool {
        byKey[Self.key(text, type: column.type)] != nil
    }

    func anyContains(_ part: String) -> Bool {
        byKey.keys.contains { $0.contains(part) }
    }

    /// The closest value by spelling, for text and list columns.
    func closest(to text: String) -> Entry? {
        guard column.type == .text || column.type == .list else { return nil }
        let pool = byFrequency.prefix(Self.suggestionPool)
        return ClosestMatch.to(text, in: pool.map(\.text)).flatMap { match in pool.first { $0.text == match } }
    }
}
