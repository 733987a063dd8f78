import Foundation
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights

/// A deliberately plain reading of a dataset for the reference evaluator: rows of optional
/// strings, typed per format.md, The workspace file. Written apart from ICPDataset, sharing none of its code.
struct ReferenceTable {
    enum Kind { case text, number, boolean, date, list, range }

    var header: [String]
    /// Cells trimmed; nil when missing.
    var rows: [[String?]]
    var kinds: [String: Kind]
    var separators: [String: String]
    /// Number and range columns whose header names a unit (data-files.md, Units): what 1 stands for.
    var scales: [String: Double] = [:]
    var percents: Set<String> = []

    /// A table already split and typed (``ReferenceExport``): cells in the canonical forms the checks below read.
    init(header: [String], rows: [[String?]], kinds: [String: Kind], separators: [String: String], scales: [String: Double], percents: Set<String>) {
        self.header = header
        self.rows = rows
        self.kinds = kinds
        self.separators = separators
        self.scales = scales
        self.percents = percents
    }

    init(csv: String, missingValues: [String] = [], overrides: [String: (Kind, String?)] = [:]) {
        let records = Self.parseCSV(csv)
        header = (records.first ?? []).enumerated().map { index, name in
            let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? "column_\(index + 1)" : trimmed
        }
        let missing = Set(missingValues.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() })
        rows = records.dropFirst().filter { !($0.count == 1 && $0[0].trimmingCharacters(in: .whitespacesAndNewlines).isEmpty) }.map { record in
            record.map { cell in
                let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty || missing.contains(trimmed.lowercased()) ? nil : trimmed
            }
        }
        kinds = [:]
        separators = [:]
        for (index, name) in header.enumerated() {
            if let (kind, separator) = overrides[name] {
                kinds[name] = kind
                separators[name] = separator ?? ";"
                continue
            }
            let present = rows.compactMap { $0[index] }
            kinds[name] = present.isEmpty ? .text
                : present.allSatisfy({ Self.number($0) != nil }) ? .number
                : present.allSatisfy({ Self.boolean($0) != nil }) ? .boolean
                : present.allSatisfy({ Self.date($0) != nil }) ? .date : .text
        }
    }

    func value(_ row: [String?], _ field: String) -> String? {
        guard let index = header.firstIndex(of: field) else { return nil }
        return row[index]
    }

    /// The elements of a list cell, trimmed, lowercased, empties dropped.
    func elements(_ row: [String?], _ field: String) -> [String] {
        guard let text = value(row, field) else { return [] }
        return text.components(separatedBy: separators[field] ?? ";")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }
            .filter { !$0.isEmpty }
    }

    static func number(_ text: String) -> Double? {
        // Thousands separators: `1,132`, `-12,345.67` (groups of exactly three digits).
        if text.range(of: #"^[+-]?[0-9]{1,3}(,[0-9]{3})+(\.[0-9]+)?$"#, options: .regularExpression) != nil {
            return Double(text.replacingOccurrences(of: ",", with: ""))
        }
        guard !text.isEmpty, text.allSatisfy({ "0123456789+-.eE".contains($0) }), text.contains(where: \.isNumber) else { return nil }
        return Double(text)
    }

    static func boolean(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes": true
        case "false", "no": false
        default: nil
        }
    }

    /// Days since 1970-01-01 of `YYYY-MM-DD` (anything after the tenth character ignored), via Foundation's calendar.
    static func date(_ text: String) -> Int? {
        let head = String(text.prefix(10))
        guard head.count == 10, text.count == 10 || ["T", " ", "t"].contains(text.dropFirst(10).first.map(String.init) ?? "") else { return nil }
        let parts = head.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)),
              calendar.component(.day, from: date) == day, calendar.component(.month, from: date) == month else { return nil }
        return Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// RFC 4180, scalar by scalar (a quote mark followed by a joiner or an accent is still a
    /// quote mark, though Swift's characters would join them).
    static func parseCSV(_ text: String, delimiter: Character = ",") -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var inQuotes = false
        var characters = Array((text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text).unicodeScalars)
        characters = characters.enumerated().compactMap { index, scalar in
            scalar == "\r" && index + 1 < characters.count && characters[index + 1] == "\n" ? nil : scalar
        }
        let delimiter = delimiter.unicodeScalars.first ?? ","
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if inQuotes {
                if character == "\"" {
                    if index + 1 < characters.count, characters[index + 1] == "\"" {
                        field.append("\"" as Unicode.Scalar)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(character)
                }
            } else if character == "\"", field.isEmpty {
                inQuotes = true
            } else if character == delimiter {
                record.append(String(field))
                field = String.UnicodeScalarView()
            } else if character == "\n" || character == "\r" {
                record.append(String(field))
                records.append(record)
                record = []
                field = String.UnicodeScalarView()
            } else {
                field.append(character)
            }
            index += 1
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(String(field))
            records.append(record)
        }
        return records
    }
}
