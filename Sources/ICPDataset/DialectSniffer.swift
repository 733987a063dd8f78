import ICPLanguage
import ICPEngine

/// Finds a file's dialect from its first lines (format.md, Reading a data file), as CleverCSV
/// and DuckDB's sniffer do: each candidate delimiter (`,` `;` tab `|`) and quote (`"` `'` none)
/// splits the lines; the one whose rows have the most consistent number of fields, and whose
/// cells read most cleanly (numbers, dates, words with no stray delimiter or quote), wins.
/// Then title lines above the table are skipped, and the first line is judged a header or a
/// row: a header names columns whose cells below are numbers, dates or yes/no while it is not.
enum DialectSniffer {
    /// How many records of the head are judged.
    static let sampleRecords = 200

    /// The dialect of a file starting with `head` (UTF-8, byte order mark removed); `whole` when
    /// `head` is the entire file. Declared settings are taken as given; a first line that reads
    /// as data, with no `header` setting, makes `header` false and says why (`headerDoubt`).
    static func sniff(_ head: [UInt8], settings: ReadingSettings, whole: Bool) -> Dialect {
        var head = head
        var dialect = Dialect()
        var skipped = 0
        // Excel's `sep=;` first line names the delimiter.
        if head.starts(with: Array("sep=".utf8)), head.count >= 5 {
            dialect.delimiter = head[4]
            let lineEnd = head.firstIndex(of: 0x0A).map { $0 + 1 } ?? head.count
            skipped = lineEnd
            head = Array(head[lineEnd...])
        }
        let delimiters = settings.delimiter.map { [$0] } ?? (skipped > 0 ? [dialect.delimiter] : Dialect.candidates)
        let quotes: [UInt8?] = switch settings.quote {
        case .character(let byte)?: [byte]
        case .none?: [nil]
        case nil: [UInt8(ascii: "\""), nil, UInt8(ascii: "'")]
        }
        var best: (score: Double, delimiter: UInt8, quote: UInt8?, records: [ProbeRecord])?
        for delimiter in delimiters {
            var neverClosed = false
            for quote in quotes {
                // A `"` that opens a field and never closes is a broken file, not text: no other quoting is tried.
                if neverClosed { continue }
                let records = RecordProbe.records(head, delimiter: delimiter, quote: quote, limit: sampleRecords, whole: whole).filter { !$0.isBlank }
                if quote == UInt8(ascii: "\""), records.contains(where: \.unclosed) { neverClosed = true }
                // A quote no field starts with changes nothing: judged as no quoting, it keeps the preferred quote.
                if let quote, !records.contains(where: { $0.quoted.contains(true) }), quote != UInt8(ascii: "\"") { continue }
                let score = consistency(records, delimiter: delimiter)
                if let current = best, score <= current.score + 1e-9 { continue }
                best = (score, delimiter, quote, records)
            }
        }
        guard let chosen = best else { return dialect }
        dialect.delimiter = chosen.delimiter
        dialect.quote = chosen.quote
        let records = chosen.records
        // The table starts at the first row of the usual width that the next row shares and that
        // fills most of its fields: title lines above it are skipped, with or without the empty
        // fields a spreadsheet pads them with (`Companies export,,,,`).
        let width = modalWidth(records)
        var first = 0
        if let start = records.indices.first(where: { index in
            records[index].fields.count == width && (index + 1 == records.count || records[index + 1].fields.count == width)
                && (width < 3 || 2 * records[index].fields.filter { !$0.trimmingWhitespace().isEmpty }.count >= width)
        }), start <= 20 {
            first = start
        }
        if let record = records.indices.contains(first) ? records[first] : nil {
            dialect.tableStart = skipped + record.start
            dialect.tableLine = record.line + (skipped > 0 ? 1 : 0)
            dialect.preambleLines = first + (skipped > 0 ? 1 : 0)
        }
        if let declared = settings.header {
            dialect.header = declared
        } else if records.count > first + 1 {
            let verdict = headerVerdict(records[first], body: Array(records[(first + 1)...].prefix(100)))
            // Read as a row, and said: the columns are column_1, column_2... until the workspace says which it is.
            if verdict.isData {
                dialect.header = false
                dialect.headerDoubt = verdict.reason
            }
        }
        return dialect
    }

    /// The most common number of fields; ties go to the larger.
    static func modalWidth(_ records: [ProbeRecord]) -> Int {
        var counts: [Int: Int] = [:]
        for record in records { counts[record.fields.count, default: 0] += 1 }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }?.key ?? 1
    }

    /// CleverCSV's data consistency: a pattern score (rows of one width, and wide rows, score
    /// high) times a type score (the share of cells that read as a value, with no stray delimiter or quote).
    static func consistency(_ records: [ProbeRecord], delimiter: UInt8) -> Double {
        guard !records.isEmpty else { return 0 }
        var widths: [Int: Int] = [:]
        for record in records { widths[record.fields.count, default: 0] += 1 }
        let pattern = widths.reduce(0.0) { total, entry in
            total + Double(entry.value) * max(0.01, Double(entry.key - 1) / Double(entry.key))
        } / Double(widths.count)
        var cells = 0
        var clean = 0
        let others = Set(Dialect.candidates.filter { $0 != delimiter } + [UInt8(ascii: "\""), UInt8(ascii: "'")])
        for record in records {
            for (index, field) in record.fields.enumerated() {
                cells += 1
                if record.malformed { continue }
                if record.quoted[index] || isClean(field, avoiding: others) { clean += 1 }
            }
        }
        return pattern * (Double(clean) / Double(max(cells, 1)))
    }

    /// A cell that reads as a value: empty, a number, a date, a band, or text holding no other
    /// candidate delimiter and no quote (an apostrophe inside a word is fine).
    private static func isClean(_ field: String, avoiding others: Set<UInt8>) -> Bool {
        let trimmed = field.trimmingWhitespace()
        let bytes = Array(trimmed.utf8)
        for (index, byte) in bytes.enumerated() where others.contains(byte) {
            if byte == UInt8(ascii: "'"), index > 0, index + 1 < bytes.count, bytes[index - 1] >= 0x41, bytes[index + 1] >= 0x41 { continue }
            if byte == UInt8(ascii: ","), index + 1 < bytes.count, bytes[index + 1] == 0x20 { continue }
            // A stray character, unless the cell is a value that holds it (`1,5`, `15.03.2021`).
            return Amount(trimmed) != nil || WrittenDate(trimmed) != nil
        }
        return true
    }

    /// Whether a number lies ten times beyond the range of the numbers below it (`2004` over
    /// values in the millions, or over counts under 100): a name, not one of the values.
    private static func farOutside(_ cell: String, column: [String]) -> Bool {
        guard let top = Amount(cell.trimmingWhitespace())?.value(nil) else { return false }
        let sizes = column.compactMap { Amount($0.trimmingWhitespace())?.value(nil) }.map(abs)
        guard sizes.count >= 2, let smallest = sizes.min(), let largest = sizes.max() else { return false }
        return (top != 0 && abs(top) * 10 < smallest) || (largest > 0 && abs(top) > 10 * largest)
    }

    /// What a cell looks like, for telling a header from a row.
    private enum Shape: Equatable { case empty, number, date, flag, text }

    private static func shape(_ field: String) -> Shape {
        let trimmed = field.trimmingWhitespace()
        if trimmed.isEmpty { return .empty }
        if ["y", "n", "yes", "no", "true", "false"].contains(trimmed.lowercased()) { return .flag }
        if WrittenDate(trimmed) != nil { return .date }
        if Amount(trimmed) != nil || WrittenBand.read(trimmed) != nil { return .number }
        return .text
    }

    /// Whether `first` is a row rather than column names, judged against the rows below: a
    /// column whose cells are all numbers, dates or yes/no words, headed by a cell of the same
    /// kind, says row; headed by a word, or by a number ten times beyond the range of those below
    /// (`2004` over millions), says header. Repeated names say row (names are unique).
    static func headerVerdict(_ first: ProbeRecord, body: [ProbeRecord]) -> (isData: Bool, reason: String) {
        var headerEvidence = 0
        var rowEvidence: [String] = []
        for (index, cell) in first.fields.enumerated() {
            let cells = body.compactMap { $0.fields.count > index ? $0.fields[index] : nil }
            let below = cells.map(shape).filter { $0 != .empty }
            guard below.count >= 2, let kind = below.first, kind != .text, below.allSatisfy({ $0 == kind }) else { continue }
            let top = shape(cell)
            if top == .number, kind == .number, farOutside(cell, column: cells) {
                headerEvidence += 1   // `2004` over circulations in millions: a year naming the column
            } else if top == kind {
                rowEvidence.append("`\(cell.trimmingWhitespace())`")
            } else if top == .text {
                headerEvidence += 1
            }
        }
        let names = first.fields.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        let repeated = Set(names.filter { name in names.filter { $0 == name }.count > 1 })
        if headerEvidence == 0, !rowEvidence.isEmpty {
            let reason = "it holds \(rowEvidence.prefix(3).joined(separator: ", ")) where the rows below hold values of the same kind"
            return (true, repeated.isEmpty ? reason : reason + ", and repeats `\(repeated.sorted()[0])`")
        }
        return (false, "")
    }
}
