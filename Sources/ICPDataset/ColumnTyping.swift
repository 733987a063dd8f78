import ICPCore

/// Gives a raw column its type (format.md, The workspace file) and typed values.
///
/// Inferred from the distinct non-missing texts: number when all read as decimal numbers,
/// boolean when all are true/false/yes/no, date when all are `YYYY-MM-DD` (a time may follow),
/// text otherwise; a column holding JSON arrays is a list. An override under `fields` wins;
/// a cell the override's type cannot read counts as missing.
enum ColumnTyping {
    static func column(from raw: RawColumn, override: FieldOverride?) -> Column {
        // Numbers are read once: to infer the type and, when it is number, as the cells.
        let numbers = override == nil || override?.type == .number ? numbers(of: raw.values) : []
        let type = override?.type ?? inferredType(of: raw, numbers: numbers)
        let distinct = raw.values.count
        var codes = raw.codes
        /// Drops the codes whose text the type cannot read: their cells become missing.
        func dropping(_ unreadable: [Bool]) {
            guard unreadable.contains(true) else { return }
            for row in codes.indices where unreadable[Int(codes[row])] { codes[row] = 0 }
        }
        switch type {
        case .text:
            let normalized = raw.values.normalized()
            return Column(name: raw.name, type: .text, codes: codes, values: raw.values, cells: .text(normalized: normalized))
        case .number:
            dropping(numbers.enumerated().map { $0 > 0 && $1 == nil })
            return Column(name: raw.name, type: .number, codes: codes, values: raw.values, cells: .number(numbers.map { $0 ?? .nan }))
        case .boolean:
            let booleans = raw.values.map { ScalarReading.boolean($0) }
            dropping(booleans.enumerated().map { $0 > 0 && $1 == nil })
            return Column(name: raw.name, type: .boolean, codes: codes, values: raw.values, cells: .boolean(booleans.map { $0 ?? false }))
        case .date:
            let days = raw.values.map { ScalarReading.date($0).map { Int32(clamping: $0.daysSinceEpoch) } }
            dropping(days.enumerated().map { $0 > 0 && $1 == nil })
            return Column(name: raw.name, type: .date, codes: codes, values: raw.values, cells: .date(days.map { $0 ?? 0 }))
        case .list:
            var elementIndex: [String: UInt32] = [:]
            var elements = TextTable()
            var normalized = TextTable()
            var lists: [[UInt32]] = []
            lists.reserveCapacity(distinct)
            for code in 0..<distinct {
                let parts: [String]
                if let given = raw.lists?[code] {
                    parts = given
                } else if code == 0 {
                    parts = []
                } else {
                    parts = split(raw.values[code], separator: override?.separator ?? ";")
                }
                var ids: [UInt32] = []
                for part in parts {
                    let key = TextNormalization.normalize(part)
                    if key.isEmpty { continue }
                    let id: UInt32
                    if let known = elementIndex[key] {
                        id = known
                    } else {
                        id = UInt32(elements.count)
                        elementIndex[key] = id
                        elements.append(String(part.trimmingWhitespace()))
                        normalized.append(key)
                    }
                    if !ids.contains(id) { ids.append(id) }
                }
                lists.append(ids)
            }
            dropping(lists.enumerated().map { $0 > 0 && $1.isEmpty })
            return Column(name: raw.name, type: .list, codes: codes, values: raw.values, cells: .list(lists),
                          elements: elements, normalizedElements: normalized)
        }
    }

    /// The number each distinct value reads as (entry 0, missing, is nil).
    private static func numbers(of values: TextTable) -> [Double?] {
        var numbers: [Double?] = []
        numbers.reserveCapacity(values.count)
        values.forEachBytes { index, span in
            numbers.append(index == 0 ? nil : ScalarReading.number(utf8: span) ?? ScalarReading.groupedNumber(utf8: span))
        }
        return numbers
    }

    private static func inferredType(of raw: RawColumn, numbers: [Double?]) -> ColumnType {
        if raw.lists != nil { return .list }
        let present = raw.values.dropFirst()
        guard !present.isEmpty else { return .text }
        if numbers.dropFirst().allSatisfy({ $0 != nil }) { return .number }
        if present.allSatisfy({ ScalarReading.boolean($0) != nil }) { return .boolean }
        if present.allSatisfy({ ScalarReading.date($0) != nil }) { return .date }
        return .text
    }

    private static func split(_ text: String, separator: String) -> [String] {
        guard !separator.isEmpty else { return [text] }
        return text.split(separator: separator, omittingEmptySubsequences: true).map(String.init)
    }
}
