import ICPLanguage
import ICPEngine

extension ColumnTyping {
    /// The column `plan` describes: typed values per distinct code, a code its type cannot read
    /// made missing (and, under a declared type, said in the reading).
    static func build(_ raw: RawColumn, plan: Plan, survey: ColumnSurvey, reading: ColumnReading, declared: Bool) -> Column {
        var reading = reading
        var codes = raw.codes
        var values = raw.values
        /// Drops the codes whose text the type cannot read: their cells become missing.
        func dropping(_ unreadable: [Bool], as typeName: String) {
            let dropped = survey.present.filter { unreadable[$0] }
            guard !dropped.isEmpty else { return }
            for row in codes.indices where unreadable[Int(codes[row])] { codes[row] = 0 }
            guard declared else { return }
            let rows = dropped.reduce(0) { $0 + survey.counts[$1] }
            let shown = dropped.prefix(5).map { "`\(raw.values[$0])`" }.joined(separator: ", ") + (dropped.count > 5 ? ", ..." : "")
            reading.questions.append(ReadingQuestion(kind: .unreadCells,
                message: "`\(raw.name)` is declared \(typeName), but \(CountFormat.grouped(rows)) cell\(rows == 1 ? "" : "s") (\(shown)) do not read as \(typeName) and count as missing.",
                fix: "", values: dropped.prefix(5).map { raw.values[$0] }))
        }
        switch plan {
        case .text:
            return Column(name: raw.name, type: .text, codes: codes, values: values, cells: .text(normalized: values.normalized()), reading: reading)
        case .number(let mark, let unit):
            reading.unit = unit
            var numbers = [Double](repeating: .nan, count: values.count)
            for code in survey.present {
                var (value, scaled) = survey.numbers?.value(code, mark) ?? (.nan, false)
                if value.isNaN, let amount = Amount(values[code]) {
                    // Past where the survey gave up (a declared type), or not surveyed.
                    value = amount.value(mark) ?? .nan
                    scaled = amount.scale != 1
                }
                numbers[code] = scaled ? value / unit.scale : value
            }
            dropping(numbers.enumerated().map { $0 > 0 && $1.isNaN }, as: "numbers")
            return Column(name: raw.name, type: .number, codes: codes, values: values, cells: .number(numbers.map { $0.isNaN ? 0 : $0 }), reading: reading)
        case .boolean(let flags):
            reading.flags = flags
            var booleans = [Bool?](repeating: nil, count: values.count)
            for code in survey.present { booleans[code] = flags?.value(values[code]) ?? ScalarReading.boolean(values[code]) }
            dropping(booleans.enumerated().map { $0 > 0 && $1 == nil }, as: "true or false")
            if flags == .mark, survey.emptyRows > 0 {
                // An empty cell in a column of marks is a no: a value of its own, not missing.
                values.append("")
                booleans.append(false)
                let no = UInt32(values.count - 1)
                for row in codes.indices where codes[row] == 0 { codes[row] = no }
            }
            return Column(name: raw.name, type: .boolean, codes: codes, values: values, cells: .boolean(booleans.map { $0 ?? false }), reading: reading)
        case .date(let order):
            var days = [Int32?](repeating: nil, count: values.count)
            for code in survey.present {
                let written = survey.dates?.date(code) ?? WrittenDate(values[code])
                days[code] = written?.date(order).map { Int32(clamping: $0.daysSinceEpoch) }
            }
            dropping(days.enumerated().map { $0 > 0 && $1 == nil }, as: "dates")
            return Column(name: raw.name, type: .date, codes: codes, values: values, cells: .date(days.map { $0 ?? 0 }), reading: reading)
        case .range(let mark, let unit):
            reading.unit = unit
            var bands = [Band?](repeating: nil, count: values.count)
            for code in survey.present {
                let written = survey.bands?.band(code) ?? WrittenBand.read(values[code]) ?? Amount(values[code]).map { WrittenBand(lower: $0, upper: $0) }
                bands[code] = written?.band(unit: unit, mark: mark)
            }
            dropping(bands.enumerated().map { $0 > 0 && $1 == nil }, as: "bands")
            let placeholder = Band(lower: -.infinity, upper: .infinity)
            return Column(name: raw.name, type: .range, codes: codes, values: values, cells: .range(bands.map { $0 ?? placeholder }), reading: reading)
        case .list(let separator):
            return listColumn(raw, codes: codes, separator: separator, survey: survey, reading: reading)
        }
    }

    /// A list column: JSON Lines arrays as given, list literals (`["a", "b"]`) parsed, or cells split at `separator`.
    private static func listColumn(_ raw: RawColumn, codes: [UInt32], separator: String?, survey: ColumnSurvey, reading: ColumnReading) -> Column {
        var codes = codes
        var elements = ListElements()
        var lists = ListTable.Builder()
        if let given = raw.lists {
            for parts in given {
                var ids: [UInt32] = []
                for part in parts { if let id = elements.id(of: part), !ids.contains(id) { ids.append(id) } }
                lists.append(ids)
            }
        } else if let separator {
            let separatorBytes = Array(separator.utf8)
            raw.values.forEachBytes { code, bytes in
                var ids: [UInt32] = []
                if code > 0 {
                    split(bytes, separator: separatorBytes) { part in
                        if let id = elements.id(of: part), !ids.contains(id) { ids.append(id) }
                    }
                }
                lists.append(ids)
            }
        } else {
            for code in 0..<raw.values.count {
                var ids: [UInt32] = []
                if code > 0, let parts = ListLiteral.elements(of: raw.values[code]) {
                    for part in parts { if let id = elements.id(of: part), !ids.contains(id) { ids.append(id) } }
                }
                lists.append(ids)
            }
        }
        let table = lists.table
        let empty = table.indices.map { $0 > 0 && table[$0].isEmpty }
        for row in codes.indices where empty[Int(codes[row])] { codes[row] = 0 }
        return Column(name: raw.name, type: .list, codes: codes, values: raw.values, cells: .list(table),
                      elements: elements.written, normalizedElements: elements.normalized, reading: reading)
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
}
