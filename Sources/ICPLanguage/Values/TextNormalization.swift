/// How text compares (format.md, Parameters and conditions): case and leading/trailing white space are ignored.
public enum TextNormalization {
    public static func normalize(_ text: some StringProtocol) -> String {
        let trimmed = text.trimmingWhitespace()
        // ASCII text without capitals is its own normal form: no Unicode case mapping needed.
        if trimmed.utf8.allSatisfy({ $0 < 0x80 && !($0 >= 0x41 && $0 <= 0x5A) }) { return String(trimmed) }
        return trimmed.lowercased()
    }
}
