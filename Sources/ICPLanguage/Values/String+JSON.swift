extension String {
    /// The text as a JSON string literal, also valid as a YAML double-quoted scalar: quotes,
    /// backslashes, control characters and every character YAML takes for a line break escaped.
    public var jsonQuoted: String {
        var result = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            // C0 controls must be escaped in JSON; DEL, the C1 controls (U+0085 among them) and the
            // line and paragraph separators may stand raw there, but YAML reads U+0085, U+2028 and
            // U+2029 as line breaks (a double-quoted scalar folds them into a space), so they are escaped too.
            case let control where control.value < 0x20 || (0x7F...0x9F).contains(control.value) || control.value == 0x2028 || control.value == 0x2029:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
