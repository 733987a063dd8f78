/// How the text of a value is read as a number, a boolean or a date: one set of rules for
/// ICP files, the workspace file and (later) dataset cells.
public enum ScalarReading {
    /// A decimal number: optional sign, digits with an optional fraction, optional exponent
    /// (`42`, `-3.5`, `.5`, `1e6`). No thousands separators, no `inf` or `nan`, and nothing
    /// too large for a double (`1e400`): every number read is finite.
    public static func number(_ text: some StringProtocol) -> Double? {
        let trimmed = text.trimmingWhitespace()
        var scalars = trimmed.unicodeScalars[...]
        var digitCount = 0
        if scalars.first == "+" || scalars.first == "-" { scalars.removeFirst() }
        while let first = scalars.first, ("0"..."9").contains(first) { scalars.removeFirst(); digitCount += 1 }
        if scalars.first == "." {
            scalars.removeFirst()
            while let first = scalars.first, ("0"..."9").contains(first) { scalars.removeFirst(); digitCount += 1 }
        }
        guard digitCount > 0 else { return nil }
        if scalars.first == "e" || scalars.first == "E" {
            scalars.removeFirst()
            if scalars.first == "+" || scalars.first == "-" { scalars.removeFirst() }
            var exponentDigits = 0
            while let first = scalars.first, ("0"..."9").contains(first) { scalars.removeFirst(); exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        guard scalars.isEmpty, let value = Double(String(trimmed)), value.isFinite else { return nil }
        return value
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
        let scalars = Substring(self).unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return Substring(scalars[first...last])
    }
}
