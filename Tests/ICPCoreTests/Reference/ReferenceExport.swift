import Foundation
@testable import ICPLanguage

/// The reference's reading of an export (Documentation/data-files.md), written from that page
/// with Foundation's regular expressions and none of ICPDataset's code: the encoding from a byte
/// order mark or the setting, the delimiter as the one that splits the first lines most evenly,
/// title lines skipped, then each column typed in the page's order (list literals, yes/no,
/// dates, numbers, bands, text) and its cells rewritten in the forms ``ReferenceTable`` reads:
/// numbers as plain decimals in the column's unit, dates `YYYY-MM-DD`, `true`/`false`, bands
/// `low|high`, list elements joined by U+001F.
enum ReferenceExport {
    static func table(bytes: [UInt8], config: WorkspaceConfig) -> ReferenceTable {
        let settings = config.accountsReading
        let text = decode(bytes, settings.encoding)
        let lines = text.components(separatedBy: CharacterSet(charactersIn: "\r\n")).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let delimiter = settings.delimiter.map { Character(UnicodeScalar($0)) } ?? [",", ";", "\t", "|"].max { a, b in evenness(lines, a) < evenness(lines, b) } ?? ","
        var records = ReferenceTable.parseCSV(text, delimiter: delimiter).filter { !($0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty) }
        // Title lines above the table hold fewer fields than the table's rows.
        let width = Dictionary(grouping: records.map(\.count), by: { $0 }).max { $0.value.count < $1.value.count }?.key ?? 1
        while let first = records.first, first.count != width { records.removeFirst() }
        let header = (records.first ?? []).enumerated().map { index, name in
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? "column_\(index + 1)" : trimmed
        }
        let missing = Set(config.missingValues.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        var rows: [[String?]] = records.dropFirst().map { record in
            record.map { cell in
                let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty || missing.contains(trimmed.lowercased()) ? nil : trimmed
            }
        }
        var kinds: [String: ReferenceTable.Kind] = [:]
        var separators: [String: String] = [:]
        var scales: [String: Double] = [:]
        var percents: Set<String> = []
        for (index, name) in header.enumerated() {
            let present = rows.compactMap { $0[index] }
            // The decimal mark the values need (data-files.md): a point unless only a comma reads them all.
            let comma = settings.decimal == .comma || (settings.decimal == nil && !present.allSatisfy { amount($0, decimalComma: false) != nil }
                                                        && present.allSatisfy { amount($0, decimalComma: true) != nil })
            let column = config.fields[name].map { declared($0, name: name, decimalComma: comma) }
                ?? typed(name, present, hasEmpty: present.count < rows.count, decimalComma: comma)
            if let separator = column.separator { separators[name] = separator }
            kinds[name] = column.kind
            if column.scale != 1 { scales[name] = column.scale }
            if column.percent { percents.insert(name) }
            for row in rows.indices {
                rows[row][index] = rows[row][index].flatMap { column.canonical($0) } ?? (column.emptyIsFalse ? "false" : nil)
            }
        }
        return ReferenceTable(header: header, rows: rows, kinds: kinds, separators: separators, scales: scales, percents: percents)
    }

    private static func decode(_ bytes: [UInt8], _ encoding: TextEncoding?) -> String {
        if bytes.starts(with: [0xFF, 0xFE]) { return String(data: Data(bytes.dropFirst(2)), encoding: .utf16LittleEndian) ?? "" }
        if bytes.starts(with: [0xFE, 0xFF]) { return String(data: Data(bytes.dropFirst(2)), encoding: .utf16BigEndian) ?? "" }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        switch encoding {
        case .windows1252?: return String(data: Data(body), encoding: .windowsCP1252) ?? ""
        case .latin1?, .latin9?: return String(data: Data(body), encoding: .isoLatin1) ?? ""
        default: return String(decoding: body, as: UTF8.self)
        }
    }

    /// How evenly `delimiter` splits the first lines: the share of lines holding the most common count of it, times that count.
    private static func evenness(_ lines: [String], _ delimiter: Character) -> Double {
        let counts = lines.prefix(30).map { $0.filter { $0 == delimiter }.count }
        guard let common = Dictionary(grouping: counts, by: { $0 }).max(by: { $0.value.count < $1.value.count }) else { return 0 }
        return Double(common.value.count) * Double(common.key)
    }

    struct Column {
        var kind: ReferenceTable.Kind = .text
        var separator: String?
        var scale = 1.0
        var percent = false
        var emptyIsFalse = false
        var canonical: (String) -> String? = { $0 }
    }

    /// A column whose type `fields` declares (data-files.md): its cells read as that type, a cell
    /// that does not read as one missing; a declared unit is the column's unit.
    static func declared(_ field: FieldOverride, name: String, decimalComma: Bool) -> Column {
        var column = Column()
        switch field.type {
        case .list:
            column.kind = .list
            column.separator = field.separator ?? ";"
        case .number:
            let scale = field.unit.map { (scale: $0.scale, percent: $0.percent) } ?? headerScale(name)
            column.kind = .number
            column.scale = scale.scale
            column.percent = scale.percent
            column.canonical = { text in
                amount(text, decimalComma: decimalComma).map { value in String(value.scaled ? value.value / scale.scale : value.value) }
            }
        case .range:
            column.kind = .range
            column.canonical = { text in band(text) != nil || amount(text, decimalComma: false) != nil ? text : nil }
        case .date:
            column.kind = .date
            let dayFirst = field.format?.order == .dayFirst
            column.canonical = { date($0, dayFirst: dayFirst) }
        case .boolean:
            column.kind = .boolean
            column.canonical = { text in
                let lowered = text.lowercased()
                return ["yes", "true", "y"].contains(lowered) ? "true" : ["no", "false", "n"].contains(lowered) ? "false" : nil
            }
        case .text:
            break
        }
        return column
    }

    /// The column's kind, in data-files.md's order, with how to rewrite its cells.
    static func typed(_ name: String, _ values: [String], hasEmpty: Bool, decimalComma: Bool) -> Column {
        var column = Column()
        guard !values.isEmpty else { return column }
        if values.allSatisfy({ listElements($0) != nil }) {
            column.kind = .list
            column.separator = "\u{1F}"
            column.canonical = { listElements($0).map { $0.joined(separator: "\u{1F}") } }
            return column
        }
        let lowered = Set(values.map { $0.lowercased() })
        if lowered.isSubset(of: ["yes", "no", "true", "false"]) || lowered.isSubset(of: ["y", "n"]) {
            column.kind = .boolean
            column.canonical = { ["yes", "true", "y"].contains($0.lowercased()) ? "true" : "false" }
            return column
        }
        if lowered == ["x"], hasEmpty {
            column.kind = .boolean
            column.emptyIsFalse = true
            column.canonical = { _ in "true" }
            return column
        }
        for dayFirst in [false, true] where values.allSatisfy({ date($0, dayFirst: dayFirst) != nil }) {
            // The order is the one some value needs; these fixtures always settle it.
            let needs = values.contains { date($0, dayFirst: !dayFirst) == nil }
            if needs || !values.contains(where: { $0.range(of: #"^\d{1,2}[/.]\d{1,2}[/.]\d{4}$"#, options: .regularExpression) != nil }) {
                column.kind = .date
                column.canonical = { date($0, dayFirst: dayFirst) }
                return column
            }
        }
        let scale = headerScale(name)
        if values.allSatisfy({ amount($0, decimalComma: decimalComma) != nil }), !values.contains(where: { $0.range(of: #"^0\d+$"#, options: .regularExpression) != nil }) {
            column.kind = .number
            column.scale = scale.scale
            column.percent = scale.percent || values.contains { $0.hasSuffix("%") }
            column.canonical = { text in
                amount(text, decimalComma: decimalComma).map { value in String(value.scaled ? value.value / scale.scale : value.value) }
            }
            return column
        }
        if values.allSatisfy({ band($0) != nil || amount($0, decimalComma: false) != nil }), values.contains(where: { band($0) != nil }) {
            column.kind = .range
            return column
        }
        return column
    }

    /// JSON or Python list cells: `["a", "b"]`, `['a', 'b']`.
    static func listElements(_ text: String) -> [String]? {
        guard text.hasPrefix("["), text.hasSuffix("]") else { return nil }
        let json = text.replacingOccurrences(of: "'", with: "\"")
        return (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String]
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `YYYY-MM-DD` of an ISO date, a numeric one in the given order, or one with an English month name.
    static func date(_ text: String, dayFirst: Bool) -> String? {
        func iso(_ year: Int, _ month: Int, _ day: Int) -> String? {
            guard (1...12).contains(month), (1...31).contains(day) else { return nil }
            let text = String(format: "%04d-%02d-%02d", year, month, day)
            return ReferenceTable.date(text) != nil ? text : nil
        }
        func groups(_ pattern: String) -> [String]? {
            guard let regex = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
                  let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
            return (1..<match.numberOfRanges).map { Range(match.range(at: $0), in: text).map { String(text[$0]) } ?? "" }
        }
        if let parts = groups(#"^(\d{4})[-/](\d{2})[-/](\d{2})([T ].*)?$"#) { return iso(Int(parts[0]) ?? 0, Int(parts[1]) ?? 0, Int(parts[2]) ?? 0) }
        // data-files.md, Dates: two-digit years are 1969 to 2068, as POSIX reads them.
        func year(_ text: String) -> Int {
            let value = Int(text) ?? 0
            return text.count == 2 ? (value < 69 ? 2000 + value : 1900 + value) : value
        }
        if let parts = groups(#"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$"#) {
            let (a, b, year) = (Int(parts[0]) ?? 0, Int(parts[2]) ?? 0, year(parts[3]))
            return dayFirst ? iso(year, b, a) : iso(year, a, b)
        }
        // `15-Mar-21`, `15 March 2021`.
        if let parts = groups(#"^(\d{1,2})[- ]([A-Za-z]{3})[a-z]*[- ](\d{4}|\d{2})$"#), let month = months.firstIndex(of: parts[1].lowercased()) {
            return iso(year(parts[2]), month + 1, Int(parts[0]) ?? 0)
        }
        if let parts = groups(#"^([A-Za-z]{3})[a-z]* (\d{1,2}), (\d{4})$"#), let month = months.firstIndex(of: parts[0].lowercased()) {
            return iso(Int(parts[2]) ?? 0, month + 1, Int(parts[1]) ?? 0)
        }
        return nil
    }

    /// The unit a header names: `($M)` and the like.
    static func headerScale(_ name: String) -> (scale: Double, percent: Bool) {
        let lowered = name.lowercased()
        if lowered.hasSuffix("(%)") { return (1, true) }
        for (suffix, scale) in [("($m)", 1e6), ("(in millions)", 1e6), ("($b)", 1e9), ("(000s)", 1e3), ("($k)", 1e3)] where lowered.hasSuffix(suffix) { return (scale, false) }
        // data-files.md, Units: a lone scale after the name of an amount (`Revenues_M`, `Valuation_bn`).
        let parts = lowered.split(separator: "_")
        let amounts = ["revenue", "sales", "profit", "income", "earnings", "asset", "market", "valuation", "value", "funding", "raised",
                       "capital", "equity", "turnover", "arr", "ebitda", "debt", "cash", "spend"]
        let scales: [String: Double] = ["k": 1e3, "m": 1e6, "mm": 1e6, "mil": 1e6, "mln": 1e6, "millions": 1e6, "b": 1e9, "bn": 1e9, "bil": 1e9, "billions": 1e9]
        if parts.count > 1, let last = parts.last, let scale = scales[String(last)], parts.dropLast().contains(where: { part in amounts.contains { part.hasPrefix($0) } }) {
            return (scale, false)
        }
        return (1, false)
    }

    /// An amount: sign or parentheses, `$`/`USD`, digits with `,` groups, a fraction, a scale, `%`.
    static func amount(_ text: String, decimalComma: Bool) -> (value: Double, scaled: Bool, percent: Bool)? {
        let pattern = #"^(\()?(-)?\s*(?:US\$|USD|EUR|GBP|\$|€|£)?\s*(-)?([0-9][0-9.,]*)\s*(k|K|M|MM|B|bn|million|billion|thousand)?\s*(?:USD|EUR|GBP|€)?\s*(%)?(\))?$"#
        guard let regex = try? NSRegularExpression(pattern: pattern), let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
        func group(_ index: Int) -> String? { Range(match.range(at: index), in: text).map { String(text[$0]) } }
        guard var digits = group(4) else { return nil }
        if decimalComma {
            guard digits.range(of: #"^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+(,\d+)?$"#, options: .regularExpression) != nil else { return nil }
            digits = digits.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
        } else {
            guard digits.range(of: #"^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$"#, options: .regularExpression) != nil else { return nil }
            digits = digits.replacingOccurrences(of: ",", with: "")
        }
        guard var value = Double(digits) else { return nil }
        let scales: [String: Double] = ["k": 1e3, "K": 1e3, "thousand": 1e3, "M": 1e6, "MM": 1e6, "million": 1e6, "B": 1e9, "bn": 1e9, "billion": 1e9]
        let scale = group(5).flatMap { scales[$0] }
        value *= scale ?? 1
        if group(2) != nil || group(3) != nil || (group(1) != nil && group(7) != nil) { value = -value }
        return (value, scale != nil, group(6) != nil)
    }

    /// A band's ends (nil where open): `51-200`, `1,001-5,000`, `5,001+`, `250 to 499`.
    static func band(_ text: String) -> (Double?, Double?)? {
        let cleaned = text.replacingOccurrences(of: ",", with: "")
        if cleaned.hasSuffix("+"), let low = Double(cleaned.dropLast()) { return (low, nil) }
        // data-files.md, Bands: `20,000 or more`, `Less than 250`, `over 500`.
        let lowered = cleaned.lowercased().trimmingCharacters(in: .whitespaces)
        for suffix in [" or more", " and over", " and above", " or above"] where lowered.hasSuffix(suffix) {
            if let low = Double(lowered.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)) { return (low, nil) }
        }
        for prefix in ["less than ", "fewer than ", "under ", "below ", "<"] where lowered.hasPrefix(prefix) {
            if let high = Double(lowered.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)) { return (nil, high) }
        }
        for prefix in ["over ", "more than ", "above ", ">"] where lowered.hasPrefix(prefix) {
            if let low = Double(lowered.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)) { return (low, nil) }
        }
        for separator in [" to ", "-"] {
            let parts = cleaned.components(separatedBy: separator)
            if parts.count == 2, let low = Double(parts[0].trimmingCharacters(in: .whitespaces)), let high = Double(parts[1].trimmingCharacters(in: .whitespaces)), low <= high {
                return (low, high)
            }
        }
        return nil
    }
}
