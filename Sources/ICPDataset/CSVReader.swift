import FoundationEssentials
import ICPLanguage
import ICPEngine

/// Reads delimited text (RFC 4180 and its kin: `;`, tab or `|` separated, quoted with `"` or
/// `'` or not at all) into raw columns, in the ``Dialect`` found or declared.
///
/// A field in quotes may hold delimiters, line breaks and doubled quotes (`""`). Lines end with
/// LF, CRLF or CR. Blank lines are skipped, header names are trimmed (an empty one becomes
/// `column_N`). A row with a different number of fields than the header, an unclosed quote or
/// text after a closing quote stops the read with the line, the dialect and what to declare,
/// unless `bad_rows` says to skip or keep such rows (they are then counted, with their lines).
///
/// Hot path: fields are read as byte spans of the file and interned per column, so a `String`
/// is made once per distinct value, not once per cell.
struct CSVReader {
    let bytes: [UInt8]
    let file: String
    let missing: MissingValues
    var dialect = Dialect()
    var badRows: BadRows = .stop
    /// Told of the bytes and rows read as parsing goes.
    var progress: LoadProgress?
    /// The least bytes worth a core of their own, and the most stretches (tests cut small files finely).
    var chunkSize = CSVReader.minimumChunk
    var maximumChunks = min(ProcessInfo.processInfo.activeProcessorCount, 8)
    /// Distinct values after which a mostly-new column stops looking values up (``RawColumn/spillThreshold``).
    var spillThreshold = 65_536

    private static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    init(bytes: [UInt8], file: String, missing: MissingValues, dialect: Dialect = Dialect(), badRows: BadRows = .stop, progress: LoadProgress? = nil) {
        self.bytes = bytes
        self.file = file
        self.missing = missing
        self.dialect = dialect
        self.badRows = badRows
        self.progress = progress
    }

    /// The header as read: its names, which of them were made up (`column_N`), where the body starts and on which line.
    struct Header {
        var names: [String]
        var generated: Set<Int>
        var bodyStart: Int
        var line: Int
    }

    func read() throws(DatasetError) -> CSVTable {
        try TextDecoding.checkUTF8(bytes, file: file, declared: false)
        do {
            return try bytes.withUnsafeBufferPointer { buffer in try parse(buffer) }
        } catch let error as DatasetError {
            throw error
        } catch {
            throw DatasetError(file: file, line: nil, message: "cannot be read (\(error)).")
        }
    }

    private func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws -> CSVTable {
        guard let header = try header(buffer) else {
            throw DatasetError(file: file, line: nil, message: "the file is empty; a CSV dataset needs a header row naming its columns.")
        }
        var table = try parseBody(buffer, from: header.bodyStart, line: header.line, names: header.names)
        table.generatedNames = header.generated
        return table
    }

    /// The header's names (blank lines before it skipped), where the body starts and on which
    /// line; nil when there is no header. Without a header row the columns are `column_1`...
    /// and the body starts at the table's first line.
    func header(_ buffer: UnsafeBufferPointer<UInt8>) throws -> Header? {
        var cursor = dialect.tableStart
        var line = dialect.tableLine
        var scratch: [UInt8] = []
        while cursor < buffer.count {
            let recordStart = cursor
            let recordLine = line
            var fields: [String] = []
            try readRecord(buffer, &cursor, line: &line, scratch: &scratch, lenient: badRows != .stop) { _, span in
                guard fields.count < DatasetLoader.maximumColumns else { throw DatasetLoader.tooManyColumns(file: file, line: recordLine) }
                fields.append(String(decoding: span, as: UTF8.self))
            }
            if fields.count == 1, fields[0].trimmingWhitespace().isEmpty { continue }
            if !dialect.header {
                return Header(names: (1...fields.count).map { "column_\($0)" }, generated: Set(0..<fields.count), bodyStart: recordStart, line: recordLine)
            }
            let names = try Self.headerNames(fields, file: file, line: recordLine)
            let generated = Set(fields.indices.filter { fields[$0].trimmingWhitespace().isEmpty })
            return Header(names: names, generated: generated, bodyStart: cursor, line: line)
        }
        return nil
    }

    /// Parses the records from `start` up to the first record boundary at or after `limit`.
    /// Line numbers (in errors) count from `firstLine`; the chunk's columns have dictionaries of their own.
    func parseRecords(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, until limit: Int, firstLine: Int, names: [String]) throws -> CSVChunk {
        var columns = newColumns(names)
        let columnCount = columns.count
        var cursor = start
        var line = firstLine
        var rowCount = 0
        var scratch: [UInt8] = []
        var reported = start
        var bad = BadRowTally()
        let lenient = badRows != .stop
        while cursor < limit {
            let recordStart = cursor
            let recordLine = line
            var count = 0
            var blank = true
            let stray = try readRecord(buffer, &cursor, line: &line, scratch: &scratch, lenient: lenient) { _, span in
                if count < columnCount {
                    if span.isEmpty { columns[count].appendMissing() } else { columns[count].append(bytes: span, missing: missing) }
                }
                if !span.isEmpty { blank = false }
                count += 1
            }
            if count == 1, blank {
                // A blank line: undo the cell it appended.
                columns[0].codes.removeLast()
                continue
            }
            if count != columnCount || stray {
                guard lenient else { throw mismatch(count, columnCount, line: recordLine) }
                bad.note(recordLine)
                if count != columnCount {
                    // Take back the cells appended, then skip the row or append it fitted to the header.
                    for index in 0..<min(count, columnCount) { columns[index].codes.removeLast() }
                    if badRows == .skip { continue }
                    for (index, field) in Self.fitted(try fields(ofRecordAt: recordStart, in: buffer, line: recordLine), to: columnCount).enumerated() {
                        if field.isEmpty { columns[index].appendMissing() } else { field.withUnsafeBufferPointer { columns[index].append(bytes: $0, missing: missing) } }
                    }
                } else if badRows == .skip {
                    for index in 0..<columnCount { columns[index].codes.removeLast() }
                    continue
                }
            }
            rowCount += 1
            if rowCount & 0xFFFF == 0, let progress {
                progress.advance(bytes: cursor - reported, rows: 0x10000)
                reported = cursor
                if progress.isCancelled { throw DatasetError(file: file, line: line, message: "the read was cancelled (the settings changed).") }
            }
        }
        progress?.advance(bytes: cursor - reported, rows: rowCount & 0xFFFF)
        return CSVChunk(columns: columns, rowCount: rowCount, end: cursor, badRows: bad)
    }

    /// The error for a row of `count` fields under a header of `expected`, naming the dialect and what to declare.
    private func mismatch(_ count: Int, _ expected: Int, line: Int) -> DatasetError {
        let delimiter = DatasetReading.delimiterName(dialect.delimiter)
        return DatasetError(file: file, line: line, message: "this row has \(count) field\(count == 1 ? "" : "s") but the header has \(expected); the file reads as \(dialect.description), so a field holding \(delimiter) must be in quotes. If the file is separated by another character, declare it under this dataset in icp.workspace.yaml (`delimiter: \",\"`); to read past such rows, add `bad_rows: skip` (leave them out) or `bad_rows: keep`.")
    }

    /// The fields of the record starting at `start`, as bytes (quotes resolved, trimmed).
    private func fields(ofRecordAt start: Int, in buffer: UnsafeBufferPointer<UInt8>, line: Int) throws -> [[UInt8]] {
        var cursor = start
        var line = line
        var scratch: [UInt8] = []
        var fields: [[UInt8]] = []
        _ = try readRecord(buffer, &cursor, line: &line, scratch: &scratch, lenient: true) { _, span in fields.append(Array(span)) }
        return fields
    }

    /// `fields` fitted to `count` columns (``BadRows/keep``): a short row padded with missing
    /// cells; a long one loses empty fields, trailing ones first (a line ending in a delimiter),
    /// then the last fields if that is not enough.
    static func fitted(_ fields: [[UInt8]], to count: Int) -> [[UInt8]] {
        var fields = fields
        while fields.count > count, fields.last?.isEmpty == true { fields.removeLast() }
        while fields.count > count, let empty = fields.lastIndex(where: \.isEmpty) { fields.remove(at: empty) }
        if fields.count > count { fields.removeLast(fields.count - count) }
        while fields.count < count { fields.append([]) }
        return fields
    }

    /// Empty columns for `names`, as this reader fills them.
    private func newColumns(_ names: [String]) -> [RawColumn] {
        names.map { name in
            var column = RawColumn(name: name)
            column.spillThreshold = spillThreshold
            return column
        }
    }

    /// The header's names, trimmed. A column without a name is called `column_N` (N its
    /// position), or `column_N_2`, `column_N_3`... when the header already names a column so:
    /// a generated name never collides with a written one.
    static func headerNames(_ fields: [String], file: String, line: Int = 1) throws(DatasetError) -> [String] {
        let written = fields.map { String($0.trimmingWhitespace()) }
        var seen: [String: Int] = [:]
        for (index, name) in written.enumerated() where !name.isEmpty {
            if let first = seen[name] {
                throw DatasetError(file: file, line: line, message: "the column name `\(name)` appears twice in the header (columns \(first + 1) and \(index + 1)); rename one.")
            }
            seen[name] = index
        }
        return written.enumerated().map { index, name in
            guard name.isEmpty else { return name }
            var generated = "column_\(index + 1)"
            var suffix = 2
            while seen[generated] != nil {
                generated = "column_\(index + 1)_\(suffix)"
                suffix += 1
            }
            seen[generated] = index
            return generated
        }
    }

    /// Reads one record, calling `field` with each field's index and bytes (ASCII white space
    /// trimmed, quotes resolved); leaves `cursor` at the start of the next record. `lenient`: a
    /// quote that never closes, or is followed by text, is read as a character of the field
    /// (the result says whether one was). Otherwise that is an error naming the line.
    @discardableResult
    private func readRecord(_ buffer: UnsafeBufferPointer<UInt8>, _ cursor: inout Int, line: inout Int, scratch: inout [UInt8], lenient: Bool = false,
                            field: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Bool {
        let end = buffer.count
        let delimiter = dialect.delimiter
        let quote = dialect.quote
        var index = 0
        var stray = false
        while true {
            // Leading spaces before a quote are allowed.
            var start = cursor
            while start < end, buffer[start] == Self.space || (buffer[start] == Self.tab && delimiter != Self.tab) { start += 1 }
            var literal = true
            if let quote, start < end, buffer[start] == quote {
                let openLine = line
                cursor = start + 1
                let contentStart = cursor
                var escaped = false
                var closed = false
                while cursor < end {
                    let byte = buffer[cursor]
                    if byte == quote {
                        if cursor + 1 < end, buffer[cursor + 1] == quote {
                            escaped = true
                            cursor += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if byte == Self.newline || (byte == Self.carriageReturn && (cursor + 1 >= end || buffer[cursor + 1] != Self.newline)) { line += 1 }
                    cursor += 1
                }
                let content = UnsafeBufferPointer(rebasing: buffer[contentStart..<cursor])
                var after = cursor + 1
                while after < end, buffer[after] == Self.space || (buffer[after] == Self.tab && delimiter != Self.tab) { after += 1 }
                let fits = closed && (after >= end || buffer[after] == delimiter || buffer[after] == Self.newline || buffer[after] == Self.carriageReturn)
                if fits {
                    try checkSize(content.count, line: openLine)
                    cursor = after
                    literal = false
                    if escaped {
                        scratch.removeAll(keepingCapacity: true)
                        var position = 0
                        while position < content.count {
                            scratch.append(content[position])
                            position += content[position] == quote ? 2 : 1
                        }
                        try scratch.withUnsafeBufferPointer { try field(index, Self.trimmed($0)) }
                    } else {
                        try field(index, Self.trimmed(content))
                    }
                } else if lenient {
                    // The quote is a character: read the field as unquoted text from it.
                    stray = true
                    line = openLine
                } else if !closed {
                    let mark = String(UnicodeScalar(quote))
                    throw DatasetError(file: file, line: openLine, message: "a quoted field opened on this line is never closed; add the closing `\(mark)` (and write a quote inside a field as `\(mark)\(mark)`). The file reads as \(dialect.description); if quote marks are text here, add `quote: none` under this dataset in icp.workspace.yaml, or `bad_rows: keep` to read such a quote as a character.")
                } else {
                    let found = String(decoding: [buffer[after]], as: UTF8.self)
                    let mark = String(UnicodeScalar(quote))
                    throw DatasetError(file: file, line: line, message: "unexpected `\(found)` after a closing quote; inside a quoted field write a quote as `\(mark)\(mark)`. The file reads as \(dialect.description); if quote marks are text here, add `quote: none` under this dataset in icp.workspace.yaml, or `bad_rows: keep` to read such a quote as a character.")
                }
            }
            if literal {
                cursor = start
                while cursor < end {
                    let byte = buffer[cursor]
                    if byte == delimiter || byte == Self.newline || byte == Self.carriageReturn { break }
                    cursor += 1
                }
                try checkSize(cursor - start, line: line)
                try field(index, Self.trimmed(UnsafeBufferPointer(rebasing: buffer[start..<cursor])))
            }
            index += 1
            guard cursor < end else { return stray }
            switch buffer[cursor] {
            case delimiter:
                cursor += 1
                if cursor == end { try field(index, UnsafeBufferPointer(rebasing: buffer[end..<end])) }
            case Self.carriageReturn:
                cursor += 1
                if cursor < end, buffer[cursor] == Self.newline { cursor += 1 }
                line += 1
                return stray
            default:
                cursor += 1
                line += 1
                return stray
            }
        }
    }

    private func checkSize(_ count: Int, line: Int) throws(DatasetError) {
        guard count > DatasetLoader.maximumFieldSize else { return }
        throw DatasetError(file: file, line: line, message: "a field of \(count / 1024) KB starts on this line; fields are limited to 1 MB. Is a quote left open, or is this not a CSV file?")
    }

    /// Without leading and trailing ASCII spaces, tabs and line breaks (other white space is trimmed once per distinct value).
    private static func trimmed(_ span: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var low = 0
        var high = span.count
        while low < high, isSpace(span[low]) { low += 1 }
        while high > low, isSpace(span[high - 1]) { high -= 1 }
        return UnsafeBufferPointer(rebasing: span[low..<high])
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == space || byte == tab || byte == newline || byte == carriageReturn
    }
}
