/// How text compares (format.md, Parameters and conditions): case and leading/trailing white space are ignored.
public enum TextNormalization {
    public static func normalize(_ text: some StringProtocol) -> String {
        text.trimmingWhitespace().lowercased()
    }
}
