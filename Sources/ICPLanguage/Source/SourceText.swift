/// How a front end counts columns.
public enum ColumnUnit: String, Sendable, CaseIterable {
    /// UTF-8 code units (bytes).
    case utf8 = "utf-8"
    /// UTF-16 code units: the LSP default.
    case utf16 = "utf-16"
    /// Unicode scalars ("characters"): `icp check` output and LSP's `utf-32`.
    case unicodeScalars = "utf-32"
}

/// A document's text with its line table, converting between offsets, positions and columns.
///
/// A leading byte order mark is dropped: positions count from the first character after it,
/// as editors show it. Lines end at `\n`, `\r\n` or a lone `\r`.
public struct SourceText: Sendable {
    /// The text, without a byte order mark.
    public let text: String
    /// The text's UTF-8 bytes.
    public let bytes: [UInt8]
    /// Whether the original text began with a byte order mark.
    public let hadByteOrderMark: Bool
    /// Offset of the first byte of each line.
    public let lineStarts: [Int]
    private let columns: ColumnIndex

    public init(_ original: String) {
        var text = original
        var hadBOM = false
        if text.unicodeScalars.first == "\u{FEFF}" {
            text.unicodeScalars.removeFirst()
            hadBOM = true
        }
        self.text = text
        self.hadByteOrderMark = hadBOM
        let bytes = Array(text.utf8)
        self.bytes = bytes
        var starts = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\n") {
                starts.append(index + 1)
            } else if byte == UInt8(ascii: "\r") {
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                    index += 1
                }
                starts.append(index + 1)
            }
            index += 1
        }
        self.lineStarts = starts
        self.columns = ColumnIndex(bytes)
    }

    public var lineCount: Int { lineStarts.count }

    /// The position of a byte offset, clamped to the text.
    public func position(atOffset offset: Int) -> SourcePosition {
        let offset = min(max(offset, 0), bytes.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourcePosition(line: low, column: offset - lineStarts[low], offset: offset)
    }

    /// The range between two byte offsets.
    public func range(from start: Int, to end: Int) -> SourceRange {
        SourceRange(start: position(atOffset: start), end: position(atOffset: end))
    }

    /// Offset just past the last character of `line`, before its line break.
    public func lineEnd(_ line: Int) -> Int {
        guard line >= 0 else { return 0 }
        guard line < lineStarts.count - 1 else { return bytes.count }
        var end = lineStarts[line + 1]
        if end > lineStarts[line], bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end > lineStarts[line], bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return end
    }

    /// The text of `line` without its line break.
    public func line(_ line: Int) -> Substring {
        guard line >= 0, line < lineStarts.count else { return "" }
        let start = lineStarts[line]
        let end = lineEnd(line)
        let utf8 = text.utf8
        return Substring(utf8[utf8.index(utf8.startIndex, offsetBy: start)..<utf8.index(utf8.startIndex, offsetBy: end)])
    }

    /// The column of `position` counted in `unit` (0-based). Constant time whatever the line's length.
    public func column(of position: SourcePosition, in unit: ColumnUnit) -> Int {
        let line = min(max(position.line, 0), lineStarts.count - 1)
        let start = lineStarts[line]
        let offset = min(max(position.offset, start), bytes.count)
        return columns.units(before: offset, in: unit, of: bytes) - columns.units(before: start, in: unit, of: bytes)
    }

    /// The byte offset of a (line, column) given in `unit`; a column past the line's end
    /// clamps to the end of the line, a line past the end to the end of the text. Any numbers
    /// are accepted (a client may send `Int.max`): nothing here can overflow.
    public func offset(line: Int, column: Int, in unit: ColumnUnit) -> Int {
        guard line >= 0 else { return 0 }
        guard line < lineStarts.count else { return bytes.count }
        let start = lineStarts[line]
        let end = lineEnd(line)
        // A line holds at most as many units as bytes, so the clamped column cannot overflow below.
        let column = min(max(column, 0), end - start)
        if unit == .utf8 { return start + column }
        let target = columns.units(before: start, in: unit, of: bytes) + column
        return columns.offset(ofUnits: target, in: unit, from: start, to: end, of: bytes)
    }

    /// The UTF-8 length of the scalar that starts with `lead`.
    static func scalarWidth(lead: UInt8) -> Int {
        switch lead {
        case 0..<0x80: return 1
        case 0xC0..<0xE0: return 2
        case 0xE0..<0xF0: return 3
        case 0xF0...: return 4
        default: return 1
        }
    }
}
