import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset

/// Accounts written out by `icp score` and `icp list`: named fields per account, as an aligned
/// table, CSV or JSON Lines (keys sorted, `null` where a value is missing).
enum AccountOutput {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, jsonl
    }

    enum Value: Encodable {
        case text(String?)
        /// A score: one decimal in text, the rounded number in JSON.
        case score(Double)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text?): try container.encode(text)
            case .text(nil): try container.encodeNil()
            case .score(let score): try container.encode(ScoreMath.rounded(score))
            }
        }

        var written: String {
            switch self {
            case .text(let text): text ?? ""
            case .score(let score): CountFormat.decimal(score, digits: 1)
            }
        }
    }

    private struct Line: Encodable {
        let fields: [String]
        let values: [Value]

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for (field, value) in zip(fields, values) { try container.encode(value, forKey: Key(stringValue: field)) }
        }
    }

    /// `guardingFormulas`: CSV cells a spreadsheet would run as formulas get a leading `'` (``CSVWriting/cell(_:guardingFormulas:)``).
    static func render(fields: [String], rows: [[Value]], format: Format, guardingFormulas: Bool = true) throws -> String {
        switch format {
        case .table:
            // A cell stays on its line.
            let cells = rows.map { $0.map { $0.written.replacing("\n", with: " ").replacing("\t", with: " ") } }
            return PreviewTable.align([fields] + cells) + "\n"
        case .csv:
            return ([fields] + rows.map { $0.map(\.written) })
                .map { $0.map { CSVWriting.cell($0, guardingFormulas: guardingFormulas) }.joined(separator: ",") }.joined(separator: "\n") + "\n"
        case .jsonl:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            var text = ""
            for row in rows { text += String(decoding: try encoder.encode(Line(fields: fields, values: row)), as: UTF8.self) + "\n" }
            return text
        }
    }

    /// `--columns name,domain`: the names, each a column of `store` (else a usage error naming the
    /// columns there are), each once and none of `written` (the fields the output has already).
    static func extraColumns(_ list: String?, in store: ColumnStore, besides written: [String]) throws -> [Column] {
        guard let list else { return [] }
        var seen = Set(written)
        let names = list.split(separator: ",").map { String($0.trimmingWhitespace()) }.filter { !$0.isEmpty && seen.insert($0).inserted }
        return try names.map { name in
            guard let column = store.column(named: name) else {
                throw ValidationError("--columns: `\(name)` is not a column of the accounts; they are \(store.columnNames.prefix(20).map { "`\($0)`" }.joined(separator: ", "))")
            }
            return column
        }
    }
}
