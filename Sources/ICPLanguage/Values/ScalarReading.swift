/// How the text of a value is read as a number, a boolean or a date: one set of rules for
/// ICP files, the workspace file and (later) dataset cells.
public enum ScalarReading {
    /// A decimal number: optional sign, digits with an optional fraction, optional exponent
    /// (`42`, `-3.5`, `.5`, `1e6`). No thousands separators, no `inf` or `nan`, and nothing
    /// too large for a double (`1e400`): every number read is finite.
    public static func number(_ text: some StringProtocol) -> Double? {
        var trimmed = String(text.trimmingWhitespace())
        return trimmed.withUTF8 { number(utf8: $0) }
    }

    /// ``number(_:)`` of text given as UTF-8 without surrounding white space, read without a
    /// `String` (the one place the grammar is written): what typing a dataset column does for
    /// each of its distinct values.
    public static func number(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var position = 0
        let count = bytes.count
        var negative = false
        if position < count, bytes[position] == 0x2B || bytes[position] == 0x2D {
            negative = bytes[position] == 0x2D
            position += 1
        }
        var digits = 0
        var whole: UInt64 = 0
        while position < count, bytes[position] &- 0x30 < 10 {
            whole = whole &* 10 &+ UInt64(bytes[position] &- 0x30)
            digits += 1
            position += 1
        }
        // Up to 15 digits and nothing after them: exact as a double, no parsing library needed.
        if position == count, digits > 0, digits <= 15 { return negative ? -Double(whole) : Double(whole) }
        if position < count, bytes[position] == 0x2E {
            position += 1
            while position < count, bytes[position] &- 0x30 < 10 { digits += 1; position += 1 }
        }
        guard digits > 0 else { return nil }
        if position < count, bytes[position] | 0x20 == 0x65 {
            position += 1
            if position < count, bytes[position] == 0x2B || bytes[position] == 0x2D { position += 1 }
            var exponentDigits = 0
            while position < count, bytes[position] &- 0x30 < 10 { exponentDigits += 1; position += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard position == count, let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// A number written with thousands separators, as exports write counts and amounts:
    /// `1,132`, `-12,345.67` (commas between groups of exactly three digits). Dataset cells
    /// only: in an ICP file a comma separates list items.
    public static func groupedNumber(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard bytes.contains(UInt8(ascii: ",")), bytes.count <= 40 else { return nil }
        var digits: [UInt8] = []
        var position = 0
        if position < bytes.count, bytes[position] == 0x2D || bytes[position] == 0x2B { digits.append(bytes[position]); position += 1 }
        var group = 0
        var groups = 0
        while position < bytes.count, bytes[position] != 0x2E {
            let byte = bytes[position]
            if byte == UInt8(ascii: ",") {
                guard (groups == 0 && (1...3).contains(group)) || (groups > 0 && group == 3) else { return nil }
                groups += 1
                group = 0
            } else if byte &- 0x30 < 10 {
                digits.append(byte)
                group += 1
            } else {
                return nil
            }
            position += 1
        }
        guard groups > 0, group == 3 else { return nil }
        digits += bytes[position...]
        return digits.withUnsafeBufferPointer { number(utf8: $0) }
    }

    /// Written as a number, but too large for one (`1e400`).
    public static func isOutOfRange(_ text: some StringProtocol) -> Bool {
        number(text) == nil && Double(String(text.trimmingWhitespace()))?.isInfinite == true
    }

    /// A whole number written without fraction or exponent (`90`, `-3`).
    public static func integer(_ text: some StringProtocol) -> Int? {
        Int(String(text.trimmingWhitespace()))
    }

    /// `true`/`false`/`yes`/`no`, any case.
    public static func boolean(_ text: some StringProtocol) -> Bool? {
        switch text.trimmingWhitespace().lowercased() {
        case "true", "yes": true
        case "false", "no": false
        default: nil
        }
    }

    /// `YYYY-MM-DD`, optionally with a time after it.
    public static func date(_ text: some StringProtocol) -> CalendarDate? {
        CalendarDate(parsing: text.trimmingWhitespace())
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, line breaks).
    public func trimmingWhitespace() -> Substring {
        // Most text starts and ends with a printable ASCII character: nothing to trim, no Unicode lookups.
        let whole = Substring(self)
        if let first = whole.utf8.first, let last = whole.utf8.last, Self.isPrintableASCII(first), Self.isPrintableASCII(last) { return whole }
        let scalars = whole.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return Substring(scalars[first...last])
    }

    /// The text without leading and trailing line breaks (`\n`, `\r`); spaces stay.
    public func trimmingLineBreaks() -> Substring {
        let whole = Substring(self)
        let isBreak: (Character) -> Bool = { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = whole.firstIndex(where: { !isBreak($0) }), let last = whole.lastIndex(where: { !isBreak($0) }) else { return "" }
        return whole[first...last]
    }

    private static func isPrintableASCII(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte < 0x7F
    }
}
