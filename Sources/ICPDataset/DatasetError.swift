import ICPLanguage
import ICPEngine

/// Why a dataset cannot be read: which file, which line, what is wrong and what to do.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    /// The file as named to the user.
    public var file: String
    /// 1-based line, when the problem has one.
    public var line: Int?
    public var message: String

    public init(file: String, line: Int?, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// Throws at the first byte that is not UTF-8, naming its line.
    static func checkUTF8(_ bytes: [UInt8], file: String) throws(DatasetError) {
        guard let offset = UTF8Validation.firstInvalidOffset(in: bytes) else { return }
        let line = bytes[..<offset].reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        throw DatasetError(file: file, line: line, message: "this line is not valid UTF-8 (byte \(offset + 1) of the file); save the file as UTF-8.")
    }

    /// `file:line: message`.
    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}
