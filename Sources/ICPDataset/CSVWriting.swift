/// Writing CSV (RFC 4180): the sample, `icp score` and `icp list`.
public enum CSVWriting {
    /// One field as RFC 4180 writes it: quoted when it holds a comma, a quote, a carriage return
    /// or a line feed, quotes doubled. Looked at scalar by scalar: in Swift `"\r\n"` is one
    /// `Character`, equal to neither `"\r"` nor `"\n"`.
    public static func field(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return quoted(text)
    }

    /// A cell of a file a spreadsheet may open: ``field(_:)``, and with `guardingFormulas` a text
    /// a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a line
    /// break, or their full-width forms) written as `"'=..."`, as OWASP advises against CSV
    /// injection. A plain number (`-12.5`, `+3`, `1e6`) is no formula and is written as it is.
    public static func cell(_ text: String, guardingFormulas: Bool = true) -> String {
        guard guardingFormulas, let first = text.unicodeScalars.first, formulaStarts.contains(first), !isPlainNumber(text) else { return field(text) }
        return quoted("'" + text)
    }

    private static let formulaStarts = Set("=+-@\t\r\n＝＋－＠".unicodeScalars)

    private static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            if scalar == "\"" { result += "\"" }
            result.unicodeScalars.append(scalar)
        }
        return result + "\""
    }

    /// `[+-]digits[.digits][e[+-]digits]`, nothing else.
    private static func isPlainNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
        let isDigit = { (scalar: Unicode.Scalar) in ("0"..."9").contains(scalar) }
        let whole = scalars.prefix(while: isDigit)
        scalars = scalars.dropFirst(whole.count)
        var fraction = 0
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            fraction = scalars.prefix(while: isDigit).count
            scalars = scalars.dropFirst(fraction)
        }
        guard whole.count + fraction > 0 else { return false }
        if let e = scalars.first, e == "e" || e == "E" {
            scalars = scalars.dropFirst()
            if let sign = scalars.first, sign == "+" || sign == "-" { scalars = scalars.dropFirst() }
            let exponent = scalars.prefix(while: isDigit).count
            guard exponent > 0 else { return false }
            scalars = scalars.dropFirst(exponent)
        }
        return scalars.isEmpty
    }
}
