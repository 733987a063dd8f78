/// How text compares (SPEC §2.2): case and leading/trailing white space are ignored.
public enum TextNormalization {
    public static func normalize(_ text: some StringProtocol) -> String {
        text.trimmingWhitespace().lowercased()
    }
}
