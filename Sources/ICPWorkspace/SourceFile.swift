import Foundation
import ICPCore

/// A file read from disk as text. Invalid UTF-8 is replaced (U+FFFD) so the rest can still be
/// checked, and the first bad byte is reported as a `syntax` diagnostic.
public struct SourceFile: Sendable {
    public var url: URL
    public var text: String
    public var encodingDiagnostic: Diagnostic?

    public static func read(_ url: URL) throws -> SourceFile {
        let data = try Data(contentsOf: url)
        if let text = String(data: data, encoding: .utf8) {
            return SourceFile(url: url, text: text, encodingDiagnostic: nil)
        }
        let bytes = [UInt8](data)
        let text = String(decoding: bytes, as: UTF8.self)
        return SourceFile(url: url, text: text, encodingDiagnostic: invalidUTF8(in: bytes, decoded: text))
    }

    /// Where the first invalid UTF-8 byte is: everything before it is valid, so its line and
    /// column are the same in the repaired text.
    private static func invalidUTF8(in bytes: [UInt8], decoded text: String) -> Diagnostic {
        var offset = 0
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput, .error: break loop
            }
        }
        let source = SourceText(text)
        let bomShift = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let position = source.position(atOffset: offset - bomShift)
        let range = source.range(from: position.offset, to: position.offset + 3)
        return Diagnostic(.syntax, range, "The file is not valid UTF-8 here (byte \(offset + 1)); save it as UTF-8.")
    }
}
