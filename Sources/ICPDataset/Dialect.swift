import ICPLanguage
import ICPEngine

/// How a delimited file is written: its delimiter and quote, where its table starts and whether
/// its first line names the columns. Found by ``DialectSniffer`` unless the workspace declares it.
struct Dialect: Sendable, Hashable {
    var delimiter: UInt8 = UInt8(ascii: ",")
    /// Nil: no quoting, quote marks are text.
    var quote: UInt8? = UInt8(ascii: "\"")
    var header = true
    /// Why the first line was read as a row though nothing declared it (``DatasetReading/headerDoubt``).
    var headerDoubt: String?
    /// The offset of the table's first line (the header, or the first row without one) in the
    /// UTF-8 bytes, after any byte order mark, title lines and blank lines above it.
    var tableStart = 0
    /// The 1-based line of the table's first line, and how many non-blank lines above it were skipped.
    var tableLine = 1
    var preambleLines = 0

    static let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")]

    /// "`;`-separated, quoted with `\"`" as error messages name it.
    var description: String {
        let quoting = quote.map { $0 == UInt8(ascii: "'") ? "quoted with '" : "quoted with \"" } ?? "no quoting"
        return "\(DatasetReading.delimiterName(delimiter))-separated, \(quoting)"
    }
}

/// One record of a file's first lines, split leniently under a candidate dialect: for judging
/// the dialect, never for reading values.
struct ProbeRecord {
    var fields: [String]
    /// Whether each field was quoted.
    var quoted: [Bool]
    var line: Int
    var start: Int
    /// A quote that did not close or was followed by text.
    var malformed: Bool
    /// A quote that never closed in the whole file.
    var unclosed = false

    var isBlank: Bool { fields.count == 1 && fields[0].trimmingWhitespace().isEmpty }
}

enum RecordProbe {
    /// Up to `limit` records of `bytes` under `delimiter` and `quote`; a record cut by the end of
    /// `bytes` is left out unless `whole` (the bytes are the entire file).
    static func records(_ bytes: [UInt8], delimiter: UInt8, quote: UInt8?, from start: Int = 0, line firstLine: Int = 1, limit: Int, whole: Bool) -> [ProbeRecord] {
        var records: [ProbeRecord] = []
        var cursor = start
        var line = firstLine
        let end = bytes.count
        while cursor < end, records.count < limit {
            let recordStart = cursor
            let recordLine = line
            var fields: [String] = []
            var quoted: [Bool] = []
            var malformed = false
            var unclosed = false
            var field: [UInt8] = []
            var wasQuoted = false
            var complete = false
            func finishField() {
                fields.append(String(decoding: field, as: UTF8.self))
                quoted.append(wasQuoted)
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
            }
            while cursor < end {
                let byte = bytes[cursor]
                if let quote, byte == quote, field.allSatisfy({ $0 == 0x20 }) {
                    // A quoted field.
                    field.removeAll()
                    wasQuoted = true
                    cursor += 1
                    var closed = false
                    while cursor < end {
                        if bytes[cursor] == quote {
                            if cursor + 1 < end, bytes[cursor + 1] == quote {
                                field.append(quote)
                                cursor += 2
                                continue
                            }
                            closed = true
                            cursor += 1
                            break
                        }
                        if bytes[cursor] == 0x0A { line += 1 }
                        field.append(bytes[cursor])
                        cursor += 1
                    }
                    if !closed {
                        malformed = true
                        unclosed = whole
                        break
                    }
                    while cursor < end, bytes[cursor] == 0x20 { cursor += 1 }
                    if cursor < end, bytes[cursor] != delimiter, bytes[cursor] != 0x0A, bytes[cursor] != 0x0D {
                        malformed = true
                        // Read on to the next delimiter as text.
                        while cursor < end, bytes[cursor] != delimiter, bytes[cursor] != 0x0A, bytes[cursor] != 0x0D {
                            field.append(bytes[cursor])
                            cursor += 1
                        }
                    }
                    continue
                }
                if byte == delimiter {
                    finishField()
                    cursor += 1
                    continue
                }
                if byte == 0x0A || byte == 0x0D {
                    cursor += 1
                    if byte == 0x0D, cursor < end, bytes[cursor] == 0x0A { cursor += 1 }
                    line += 1
                    complete = true
                    break
                }
                field.append(byte)
                cursor += 1
            }
            if cursor >= end, !complete, !whole { break }
            finishField()
            records.append(ProbeRecord(fields: fields, quoted: quoted, line: recordLine, start: recordStart, malformed: malformed, unclosed: unclosed))
        }
        return records
    }
}
