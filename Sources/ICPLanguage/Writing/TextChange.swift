/// A replacement of the bytes `start..<end` (UTF-8 offsets) of a text by `text`: what
/// `icp refine` and the editor's rewrites produce, applied by the CLI or sent as an LSP edit.
public struct TextChange: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var text: String

    public init(start: Int, end: Int, text: String) {
        self.start = start
        self.end = end
        self.text = text
    }

    /// `changes` applied to `original`; they must not overlap.
    public static func apply(_ changes: [TextChange], to original: String) -> String {
        var bytes = Array(original.utf8)
        for change in changes.sorted(by: { $0.start > $1.start }) {
            let start = min(max(change.start, 0), bytes.count)
            let end = min(max(change.end, start), bytes.count)
            bytes.replaceSubrange(start..<end, with: Array(change.text.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension TextChange {
    /// The one change from `old` to `new`: what lies between their common start and common end.
    public static func between(_ old: String, _ new: String) -> TextChange {
        let a = Array(old.utf8), b = Array(new.utf8)
        var prefix = 0
        while prefix < a.count, prefix < b.count, a[prefix] == b[prefix] { prefix += 1 }
        // Never split a UTF-8 sequence.
        while prefix > 0, prefix < a.count, a[prefix] & 0xC0 == 0x80 { prefix -= 1 }
        var suffix = 0
        while suffix < a.count - prefix, suffix < b.count - prefix, a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        while suffix > 0, a.count - suffix < a.count, a[a.count - suffix] & 0xC0 == 0x80 { suffix -= 1 }
        return TextChange(start: prefix, end: a.count - suffix, text: String(decoding: b[prefix..<(b.count - suffix)], as: UTF8.self))
    }
}
