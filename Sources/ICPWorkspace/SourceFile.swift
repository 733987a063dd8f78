import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset

/// A file read from disk as text. Invalid UTF-8 is replaced (U+FFFD) so the rest can still be
/// checked, and the first bad byte is reported as a `syntax` diagnostic.
public struct SourceFile: Sendable {
    public var url: URL
    public var text: String
    public var encodingDiagnostic: Diagnostic?

    /// Reads `url` if it is a regular file no larger than ``ICPDocument/maximumSize``: the size is
    /// looked at before anything is read, so a huge file or a pipe costs nothing.
    public static func read(_ url: URL) throws(RegularFile.Failure) -> SourceFile {
        let file = try RegularFile(opening: url)
        guard file.size <= ICPDocument.maximumSize else {
            let megabytes = CountFormat.decimal(Double(file.size) / 1_048_576, digits: 1)
            throw RegularFile.Failure(message: "is \(megabytes) MB; icp reads ICP and workspace files up to \(ICPDocument.maximumSize / 1_048_576) MB. Is it really an ICP file?")
        }
        let bytes = try file.readAll()
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
