import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPDataset

/// What `icp columns` prints (format.md, Command-line output).
enum ColumnsReport {
    /// The file's reading, the table of columns, and what the reading could not settle; and the
    /// text columns that look like lists, with the `fields` line that reads them so (a hint, for stderr).
    static func text(engine: Engine, datasetName: String) -> (report: String, hints: String?) {
        // A cell of the table stays on its line (Output.write escapes the other control characters).
        func oneLine(_ text: String) -> String { text.replacing("\n", with: " ").replacing("\t", with: " ") }
        let store = engine.accounts
        var rows = [["column", "type", "present", "distinct", "values", "read as"]]
        var hints: [String] = []
        for column in engine.columnSummaries() {
            let share = column.total == 0 ? 0 : Double(column.present) / Double(column.total)
            let values = column.spread.map { "\($0.minimum) … \($0.median) … \($0.maximum)" }
                ?? column.top.map { "\(oneLine(String($0.text.prefix(24)))) (\(CountFormat.grouped($0.count)))" }.joined(separator: ", ")
            rows.append([oneLine(column.name), typeText(store.column(named: column.name)), CountFormat.percent(share, digits: 0), CountFormat.grouped(column.distinct),
                         values, column.roles.joined(separator: ", ")])
            if let separator = column.likelySeparator {
                hints.append("`\(column.name)` looks like a list separated by `\(separator)`; to read it as one, add to icp.workspace.yaml:\n  fields:\n    \(ICPFileText.yamlText(column.name)): {type: list, separator: \"\(separator)\"}")
            }
        }
        var lines = ["\(datasetName): \(CountFormat.grouped(store.rowCount)) rows, \(store.reading.description)"]
        lines += notes(store.reading)
        lines.append(PreviewTable.align(rows))
        let questions = store.columns.flatMap(\.reading.questions)
        if !questions.isEmpty {
            lines.append("\nTo settle (\(questions.count)):")
            lines += questions.map { "- \($0.message)" }
        }
        return (lines.joined(separator: "\n"), hints.isEmpty ? nil : hints.joined(separator: "\n"))
    }

    /// `number (USD, in millions)`, `date (MM/DD/YYYY)`, `boolean (Y/N)`.
    private static func typeText(_ column: Column?) -> String {
        guard let column else { return "" }
        let reading = column.reading
        var details: [String] = []
        switch column.type {
        case .number, .range:
            if !reading.unit.isPlain { details.append(reading.unit.shortDescription) }
        case .date:
            if let order = reading.dateOrder { details.append(order == .dayFirst ? "day first" : "month first") }
        case .boolean:
            if let flags = reading.flags, flags != .words { details.append(flagsText(flags)) }
        case .text, .list:
            break
        }
        return details.isEmpty ? column.type.rawValue : "\(column.type.rawValue) (\(details.joined(separator: ", ")))"
    }

    static func flagsText(_ flags: FlagWords) -> String {
        switch flags {
        case .words: "yes/no"
        case .letters: "Y/N"
        case .truthLetters: "T/F"
        case .digits: "1/0"
        case .mark: "a mark, empty for no"
        }
    }

    /// Lines on what the read left out or skipped.
    private static func notes(_ reading: DatasetReading) -> [String] {
        let header = reading.headerQuestion.map { ["⚠ " + $0] } ?? []
        guard reading.badRows > 0 else { return header }
        let lines = reading.badRowLines.map(String.init).joined(separator: ", ") + (reading.badRows > reading.badRowLines.count ? ", ..." : "")
        let did = reading.badRowsPolicy == .skip ? "left out" : "kept, fitted to the header"
        return header + ["\(CountFormat.grouped(reading.badRows)) row\(reading.badRows == 1 ? "" : "s") did not fit the header and were \(did) (bad_rows: \(reading.badRowsPolicy.rawValue)): line\(reading.badRowLines.count == 1 ? "" : "s") \(lines)"]
    }

    private struct ColumnsJSON: Encodable {
        struct Reading: Encodable {
            let encoding: String
            let byte_order_mark: Bool
            let delimiter: String?
            let quote: String?
            let header: Bool
            /// Set when the first line was read as a row without a setting saying so: the question it leaves.
            let header_question: String?
            let header_line: Int
            let preamble_lines: Int
            let declared: [String]
            let bad_rows: Int
            let bad_row_lines: [Int]
            let dropped_trailing_column: Bool
            let description: String
        }

        struct Unit: Encodable {
            let scale: Double
            let currency: String?
            let percent: Bool
        }

        struct Question: Encodable {
            let kind: String
            let message: String
            let fix: String
            let values: [String]
        }

        struct ColumnEntry: Encodable {
            let name: String
            let type: String
            let present: Int
            let distinct: Int
            let unit: Unit?
            let unit_source: String?
            let date_order: String?
            let yes_no: String?
            let decimal: String?
            let example: String?
            let roles: [String]
            let questions: [Question]
        }

        let dataset: String
        let rows: Int
        let reading: Reading
        let columns: [ColumnEntry]
    }

    /// The reading and each column's type, unit and questions, as JSON.
    static func json(engine: Engine, datasetName: String) -> String {
        let store = engine.accounts
        let reading = store.reading
        let summaries = Dictionary(engine.columnSummaries().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let columns = store.columns.map { column in
            let summary = summaries[column.name]
            let unit = column.type == .number || column.type == .range ? column.reading.unit : nil
            return ColumnsJSON.ColumnEntry(
                name: column.name, type: column.type.rawValue, present: column.presentCount, distinct: summary?.distinct ?? 0,
                unit: unit.map { ColumnsJSON.Unit(scale: $0.scale, currency: $0.currency, percent: $0.percent) },
                unit_source: column.reading.unitSource, date_order: column.reading.dateOrder.map { $0 == .dayFirst ? "DD/MM/YYYY" : "MM/DD/YYYY" },
                yes_no: column.type == .boolean ? column.reading.flags.map(flagsText) : nil, decimal: column.reading.decimal?.rawValue,
                example: column.reading.example, roles: summary?.roles ?? [],
                questions: column.reading.questions.map { ColumnsJSON.Question(kind: $0.kind.rawValue, message: $0.message, fix: $0.fix, values: $0.values) })
        }
        let quote: String? = switch reading.quote {
        case .character(let byte)?: String(UnicodeScalar(byte))
        case .none?: "none"
        case nil: nil
        }
        let json = ColumnsJSON(
            dataset: datasetName, rows: store.rowCount,
            reading: ColumnsJSON.Reading(encoding: reading.encoding.rawValue, byte_order_mark: reading.byteOrderMark,
                                         delimiter: reading.delimiter.map { String(UnicodeScalar($0)) }, quote: quote, header: reading.header,
                                         header_question: reading.headerQuestion,
                                         header_line: reading.headerLine, preamble_lines: reading.preambleLines, declared: reading.declared.sorted(),
                                         bad_rows: reading.badRows, bad_row_lines: reading.badRowLines,
                                         dropped_trailing_column: reading.droppedTrailingColumn, description: reading.description),
            columns: columns)
        return (try? Output.json(json)) ?? "{}"
    }

    /// The first `count` rows as read, written as they go (a million rows are not held as one string).
    static func writeRows(_ store: ColumnStore, count: Int, format: ColumnsCommand.Format, written: Bool, guardingFormulas: Bool) {
        let columns = store.columns
        var buffer = ""
        func flush(force: Bool) {
            guard force || buffer.utf8.count >= 1 << 20 else { return }
            Output.writeData(buffer)
            buffer = ""
        }
        if format == .csv {
            buffer += columns.map { CSVWriting.cell($0.name, guardingFormulas: guardingFormulas) }.joined(separator: ",") + "\n"
        }
        for row in 0..<count {
            if format == .csv {
                buffer += columns.map { column in
                    let text = written ? column.written(atRow: row) ?? "" : column.exported(atRow: row).csvText(written: column.written(atRow: row))
                    return CSVWriting.cell(text, guardingFormulas: guardingFormulas)
                }.joined(separator: ",") + "\n"
            } else {
                buffer += "{" + columns.map { column in
                    let value = written ? column.written(atRow: row).map(\.jsonQuoted) ?? "null" : column.exported(atRow: row).json
                    return "\(column.name.jsonQuoted): \(value)"
                }.joined(separator: ", ") + "}\n"
            }
            flush(force: false)
        }
        flush(force: true)
    }
}
