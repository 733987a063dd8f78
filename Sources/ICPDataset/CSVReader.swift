import Foundation
import ICPLanguage
import ICPEngine

/// Reads CSV (RFC 4180) into raw columns.
///
/// Fields are separated by commas; a field in double quotes may hold commas, line breaks and
/// doubled quotes (`""`). Lines end with LF, CRLF or CR. A leading byte order mark is skipped,
/// blank lines are skipped, header names are trimmed (an empty one becomes `column_N`). A row
/// with a different number of fields than the header, an unclosed quote, text after a closing
/// quote, a duplicate header name or invalid UTF-8 is an error naming the line.
///
/// Hot path: fields are read as byte spans of the file and interned per column, so a `String`
/// is made once per distinct value, not once per cell.
struct CSVReader {
    let bytes: [UInt8]
    let file: String
    let missing: MissingValues
    /// Told of the bytes and rows read as parsing goes.
    var progress: LoadProgress?
    /// The least bytes worth a core of their own, and the most stretches (tests cut small files finely).
    var chunkSize = CSVReader.minimumChunk
    var maximumChunks = min(ProcessInfo.processInfo.activeProcessorCount, 8)
    /// Distinct values after which a mostly-new column stops looking values up (``RawColumn/spillThreshold``).
    var spillThreshold = 65_536

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    func read() throws(DatasetError) -> (columns: [RawColumn], rowCount: Int) {
        try DatasetError.checkUTF8(bytes, file: file)
        do {
            return try bytes.withUnsafeBufferPointer { buffer in try parse(buffer) }
        } catch let error as DatasetError {
            throw error
        } catch {
            throw DatasetError(file: file, line: nil, message: "cannot be read (\(error)).")
        }
    }

    private func parse(_ buffer: UnsafeBufferPointer<UInt8>) throws -> (columns: [RawColumn], rowCount: Int) {
        guard let header = try header(buffer) else {
            throw DatasetError(file: file, line: nil, message: "the file is empty; a CSV dataset needs a header row naming its columns.")
        }
        return try parseBody(buffer, from: header.bodyStart, line: header.line, names: header.names)
    }

    /// The header's names (blank lines before it skipped), where the body starts and on which
    /// line; nil when there is no header.
    func header(_ buffer: UnsafeBufferPointer<UInt8>) throws -> (names: [String], bodyStart: Int, line: Int)? {
        var cursor = buffer.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var scratch: [UInt8] = []
        while cursor < buffer.count {
            let recordLine = line
            var fields: [String] = []
            try readRecord(buffer, &cursor, line: &line, scratch: &scratch) { _, span in
                guard fields.count < DatasetLoader.maximumColumns else { throw DatasetLoader.tooManyColumns(file: file, line: recordLine) }
                fields.append(String(decoding: span, as: UTF8.self))
            }
            if fields.count == 1, fields[0].trimmingWhitespace().isEmpty { continue }
            return (try Self.headerNames(fields, file: file), cursor, line)
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
        while cursor < limit {
            let recordLine = line
            var count = 0
            var blank = true
            try readRecord(buffer, &cursor, line: &line, scratch: &scratch) { _, span in
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
            guard count == columnCount else {
                throw DatasetError(file: file, line: recordLine, message: "this row has \(count) field\(count == 1 ? "" : "s") but the header has \(columnCount); put fields that contain commas in double quotes, or fix the row.")
            }
            rowCount += 1
            if rowCount & 0xFFFF == 0, let progress {
                progress.advance(bytes: cursor - reported, rows: 0x10000)
                reported = cursor
                if progress.isCancelled { throw DatasetError(file: file, line: line, message: "the read was cancelled (the settings changed).") }
            }
        }
        progress?.advance(bytes: cursor - reported, rows: rowCount & 0xFFFF)
        return CSVChunk(columns: columns, rowCount: rowCount, end: cursor)
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
    static func headerNames(_ fields: [String], file: String) throws(DatasetError) -> [String] {
        let written = fields.map { String($0.trimmingWhitespace()) }
        var seen: [String: Int] = [:]
        for (index, name) in written.enumerated() where !name.isEmpty {
            if let first = seen[name] {
                throw DatasetError(file: file, line: 1, message: "the column name `\(name)` appears twice in the header (columns \(first + 1) and \(index + 1)); rename one.")
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
    /// trimmed, quotes resolved); leaves `cursor` at the start of the next record.
    private func readRecord(_ buffer: UnsafeBufferPointer<UInt8>, _ cursor: inout Int, line: inout Int, scratch: inout [UInt8],
                            field: (Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let end = buffer.count
        var index = 0
        while true {
            // Leading spaces before a quote are allowed.
            var start = cursor
            while start < end, buffer[start] == Self.space || buffer[start] == Self.tab { start += 1 }
            if start < end, buffer[start] == Self.quote {
                let openLine = line
                cursor = start + 1
                let contentStart = cursor
                var escaped = false
                var closed = false
                while cursor < end {
                    let byte = buffer[cursor]
                    if byte == Self.quote {
                        if cursor + 1 < end, buffer[cursor + 1] == Self.quote {
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
                guard closed else {
                    throw DatasetError(file: file, line: openLine, message: "a quoted field opened on this line is never closed; add the closing `\"` (and write a quote inside a field as `\"\"`).")
                }
                let content = UnsafeBufferPointer(rebasing: buffer[contentStart..<cursor])
                try checkSize(content.count, line: openLine)
                cursor += 1
                while cursor < end, buffer[cursor] == Self.space || buffer[cursor] == Self.tab { cursor += 1 }
                if cursor < end, buffer[cursor] != Self.comma, buffer[cursor] != Self.newline, buffer[cursor] != Self.carriageReturn {
                    let found = String(decoding: [buffer[cursor]], as: UTF8.self)
                    throw DatasetError(file: file, line: line, message: "unexpected `\(found)` after a closing quote; inside a quoted field write a quote as `\"\"`.")
                }
                if escaped {
                    scratch.removeAll(keepingCapacity: true)
                    var position = 0
                    while position < content.count {
                        scratch.append(content[position])
                        position += content[position] == Self.quote ? 2 : 1
                    }
                    try scratch.withUnsafeBufferPointer { try field(index, Self.trimmed($0)) }
                } else {
                    try field(index, Self.trimmed(content))
                }
            } else {
                cursor = start
                while cursor < end {
                    let byte = buffer[cursor]
                    if byte == Self.comma || byte == Self.newline || byte == Self.carriageReturn { break }
                    cursor += 1
                }
                try checkSize(cursor - start, line: line)
                try field(index, Self.trimmed(UnsafeBufferPointer(rebasing: buffer[start..<cursor])))
            }
            index += 1
            guard cursor < end else { return }
            switch buffer[cursor] {
            case Self.comma:
                cursor += 1
                if cursor == end { try field(index, UnsafeBufferPointer(rebasing: buffer[end..<end])) }
            case Self.carriageReturn:
                cursor += 1
                if cursor < end, buffer[cursor] == Self.newline { cursor += 1 }
                line += 1
                return
            default:
                cursor += 1
                line += 1
                return
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
