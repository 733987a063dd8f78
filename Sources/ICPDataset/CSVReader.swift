import ICPCore

/// Reads CSV (RFC 4180) into raw columns.
///
/// Fields are separated by commas; a field in double quotes may hold commas, line breaks and
/// doubled quotes (`""`). Lines end with LF or CRLF. A leading byte order mark is skipped,
/// blank lines are skipped, header names are trimmed (an empty one becomes `column_N`). A row
/// with a different number of fields than the header, an unclosed quote, text after a closing
/// quote, a duplicate header name or invalid UTF-8 is an error naming the line.
struct CSVReader {
    let bytes: [UInt8]
    let file: String
    let missing: MissingValues

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    func read() throws(DatasetError) -> (columns: [RawColumn], rowCount: Int) {
        try DatasetError.checkUTF8(bytes, file: file)
        var cursor = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var header: [String]?
        var columns: [RawColumn] = []
        var rowCount = 0
        var fields: [String] = []
        while cursor < bytes.count {
            let recordLine = line
            fields.removeAll(keepingCapacity: true)
            try readRecord(&cursor, line: &line, into: &fields)
            if fields.count == 1, fields[0].trimmingWhitespace().isEmpty { continue }
            guard let names = header else {
                let names = try Self.headerNames(fields, file: file)
                header = names
                columns = names.map(RawColumn.init)
                continue
            }
            guard fields.count == names.count else {
                throw DatasetError(file: file, line: recordLine, message: "this row has \(fields.count) field\(fields.count == 1 ? "" : "s") but the header has \(names.count); put fields that contain commas in double quotes, or fix the row.")
            }
            for (index, field) in fields.enumerated() {
                if let text = missing.present(field) { columns[index].append(text) } else { columns[index].appendMissing() }
            }
            rowCount += 1
        }
        guard header != nil else {
            throw DatasetError(file: file, line: nil, message: "the file is empty; a CSV dataset needs a header row naming its columns.")
        }
        return (columns, rowCount)
    }

    static func headerNames(_ fields: [String], file: String) throws(DatasetError) -> [String] {
        var names: [String] = []
        var seen: [String: Int] = [:]
        for (index, field) in fields.enumerated() {
            var name = String(field.trimmingWhitespace())
            if name.isEmpty { name = "column_\(index + 1)" }
            if let first = seen[name] {
                throw DatasetError(file: file, line: 1, message: "the column name `\(name)` appears twice in the header (columns \(first + 1) and \(index + 1)); rename one.")
            }
            seen[name] = index
            names.append(name)
        }
        return names
    }


    /// Reads one record's fields; leaves `cursor` at the start of the next record.
    private func readRecord(_ cursor: inout Int, line: inout Int, into fields: inout [String]) throws(DatasetError) {
        var field: [UInt8] = []
        while true {
            field.removeAll(keepingCapacity: true)
            if cursor < bytes.count, bytes[cursor] == Self.quote {
                let openLine = line
                cursor += 1
                var closed = false
                while cursor < bytes.count {
                    let byte = bytes[cursor]
                    if byte == Self.quote {
                        if cursor + 1 < bytes.count, bytes[cursor + 1] == Self.quote {
                            field.append(Self.quote)
                            cursor += 2
                            continue
                        }
                        cursor += 1
                        closed = true
                        break
                    }
                    if byte == Self.newline { line += 1 }
                    field.append(byte)
                    cursor += 1
                }
                guard closed else {
                    throw DatasetError(file: file, line: openLine, message: "a quoted field opened on this line is never closed; add the closing `\"` (and write a quote inside a field as `\"\"`).")
                }
                while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") || bytes[cursor] == UInt8(ascii: "\t") { cursor += 1 }
                if cursor < bytes.count, bytes[cursor] != Self.comma, bytes[cursor] != Self.newline, bytes[cursor] != Self.carriageReturn {
                    let found = String(decoding: [bytes[cursor]], as: UTF8.self)
                    throw DatasetError(file: file, line: line, message: "unexpected `\(found)` after a closing quote; inside a quoted field write a quote as `\"\"`.")
                }
            } else {
                let start = cursor
                while cursor < bytes.count, bytes[cursor] != Self.comma, bytes[cursor] != Self.newline, bytes[cursor] != Self.carriageReturn {
                    cursor += 1
                }
                field.append(contentsOf: bytes[start..<cursor])
            }
            fields.append(String(decoding: field, as: UTF8.self))
            guard cursor < bytes.count else { return }
            switch bytes[cursor] {
            case Self.comma:
                cursor += 1
            case Self.carriageReturn:
                cursor += 1
                if cursor < bytes.count, bytes[cursor] == Self.newline { cursor += 1 }
                line += 1
                return
            default:
                cursor += 1
                line += 1
                return
            }
        }
    }
}
