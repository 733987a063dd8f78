import ICPLanguage
import ICPEngine

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
            var elements = ListElements()
            var lists = ListTable.Builder()
            if let given = raw.lists {
                for parts in given {
                    var ids: [UInt32] = []
                    for part in parts { if let id = elements.id(of: part), !ids.contains(id) { ids.append(id) } }
                    lists.append(ids)
                }
            } else {
                let separator = Array((override?.separator ?? ";").utf8)
                raw.values.forEachBytes { code, bytes in
                    var ids: [UInt32] = []
                    if code > 0 {
                        Self.split(bytes, separator: separator) { part in
                            if let id = elements.id(of: part), !ids.contains(id) { ids.append(id) }
                        }
                    }
                    lists.append(ids)
                }
            }
            let table = lists.table
            dropping(table.indices.map { $0 > 0 && table[$0].isEmpty })
            return Column(name: raw.name, type: .list, codes: codes, values: raw.values, cells: .list(table),
                          elements: elements.written, normalizedElements: elements.normalized)
        }
    }

    /// The elements of a list column, numbered by first appearance; equal once normalized, one element.
    private struct ListElements {
        var written = TextTable()
        var normalized = TextTable()
        private var byKey: [String: UInt32] = [:]
        /// Each part as written seen so far: most recur exactly, and are not normalized again.
        private var byPart: [String: UInt32] = [:]

        /// The element `part` names; nil for a part that is only white space.
        mutating func id(of part: String) -> UInt32? {
            if let known = byPart[part] { return known }
            let key = TextNormalization.normalize(part)
            guard !key.isEmpty else { return nil }
            let id: UInt32
            if let known = byKey[key] {
                id = known
            } else {
                id = UInt32(written.count)
                byKey[key] = id
                written.append(String(part.trimmingWhitespace()))
                normalized.append(key)
            }
            byPart[part] = id
            return id
        }

        mutating func id(of bytes: UnsafeBufferPointer<UInt8>) -> UInt32? {
            // Short ASCII parts become small strings, made without an allocation.
            id(of: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Calls `part` with each non-empty stretch of `bytes` between separators, ASCII spaces
    /// around it trimmed. Hot path (every distinct list of a column): bytes, not `String.split`.
    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, separator: [UInt8], part: (UnsafeBufferPointer<UInt8>) -> Void) {
        func emit(_ start: Int, _ end: Int) {
            var (low, high) = (start, end)
            while low < high, bytes[low] == 0x20 || bytes[low] == 0x09 { low += 1 }
            while high > low, bytes[high - 1] == 0x20 || bytes[high - 1] == 0x09 { high -= 1 }
            if low < high { part(UnsafeBufferPointer(rebasing: bytes[low..<high])) }
        }
        guard let first = separator.first else { return emit(0, bytes.count) }
        var start = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == first, index + separator.count <= bytes.count,
               separator.count == 1 || separator.indices.allSatisfy({ bytes[index + $0] == separator[$0] }) {
                emit(start, index)
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        emit(start, bytes.count)
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

}
