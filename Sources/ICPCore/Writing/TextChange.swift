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
