import Foundation
import ICPCore

/// A file read from disk as text. Invalid UTF-8 is replaced (U+FFFD) so the rest can still be
/// checked, and the first bad byte is reported as a `syntax` diagnostic.
public struct SourceFile: Sendable {
    public var url: URL
    public var text: String
    public var encodingDiagnostic: Diagnostic?

    public static func read(_ url: URL) throws -> SourceFile {
        let bytes = [UInt8](try Data(contentsOf: url))
        let text = String(decoding: bytes, as: UTF8.self)
        guard let offset = UTF8Validation.firstInvalidOffset(in: bytes) else {
            return SourceFile(url: url, text: text, encodingDiagnostic: nil)
        }
        return SourceFile(url: url, text: text, encodingDiagnostic: invalidUTF8(at: offset, in: bytes, decoded: text))
    }

    /// A diagnostic at the first invalid byte: everything before it is valid, so its line and
    /// column are the same in the repaired text.
    private static func invalidUTF8(at offset: Int, in bytes: [UInt8], decoded text: String) -> Diagnostic {
        let source = SourceText(text)
        let bomShift = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let position = source.position(atOffset: offset - bomShift)
        let range = source.range(from: position.offset, to: position.offset + 3)
        return Diagnostic(.syntax, range, "The file is not valid UTF-8 here (byte \(offset + 1)); save it as UTF-8.")
    }
}
