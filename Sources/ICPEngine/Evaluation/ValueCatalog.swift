import ICPLanguage

/// The distinct values of a column as a user would name them, with how many records hold each.
struct ValueCatalog {
    struct Entry {
        var text: String
        var count: Int
        /// How the value compares (``key(ofCell:in:)``).
        var key: String
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
        let (values, counts) = (column.values, column.counts)
        switch column.cells {
        case .list(let lists):
            // Each element counted once per list holding it: totals per element code, then names.
            let (elements, normalizedElements) = (column.elements, column.normalizedElements)
            var totals = [Int](repeating: 0, count: elements.count)
            for code in 1..<max(values.count, 1) where counts[code] > 0 {
                for element in lists[code] { totals[Int(element)] += counts[code] }
            }
            for (element, total) in totals.enumerated() where total > 0 {
                let key = normalizedElements[element]
                entries[key, default: Entry(text: elements[element], count: 0, key: key)].count += total
            }
        default:
            for code in 1..<max(values.count, 1) where counts[code] > 0 {
                let key = Self.key(ofCell: code, in: column)
                entries[key, default: Entry(text: values[code], count: 0, key: key)].count += counts[code]
            }
        }
        self.byKey = entries
        self.byFrequency = entries.values.sorted { $0.count != $1.count ? $0.count > $1.count : $0.text < $1.text }
    }

    /// How a cell compares: numbers, booleans, dates and bands by meaning, text by its normalized form.
    static func key(ofCell code: Int, in column: Column) -> String {
        switch column.cells {
        case .number(let numbers): "#\(numbers[code])"
        case .boolean(let booleans): "\(booleans[code])"
        case .date(let days): "@\(days[code])"
        case .range(let bands): key(of: bands[code])
        case .text(let normalized): normalized[code]
        case .list: TextNormalization.normalize(column.values[code])
        }
    }

    /// How a condition value compares against a column of `type` read as `reading` (``key(ofCell:in:)``'s terms).
    static func key(_ text: String, type: ColumnType, reading: ColumnReading) -> String {
        let typed: String? = switch type {
        case .number: reading.unit.value(ofCondition: text).map { "#\($0)" }
        case .boolean: (ScalarReading.boolean(text) ?? reading.flags?.value(text)).map { "\($0)" }
        case .date: ScalarReading.date(text).map { "@\($0.daysSinceEpoch)" }
        case .range: (WrittenBand.read(text)?.band(unit: reading.unit, mark: .point)
                      ?? reading.unit.value(ofCondition: text).map { Band(lower: $0, upper: $0) }).map(key(of:))
        case .text, .list: nil
        }
        return typed ?? TextNormalization.normalize(text)
    }

    private static func key(of band: Band) -> String {
        "~\(band.lower)\(band.lowerExclusive ? "<" : "")|\(band.upper)\(band.upperExclusive ? "<" : "")"
    }

    func contains(_ text: String) -> Bool {
        byKey[Self.key(text, type: column.type, reading: column.reading)] != nil
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
