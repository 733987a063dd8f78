/// How a data file is read where detection should not decide (format.md, Reading a data file):
/// written under the dataset's entry in `icp.workspace.yaml`. What is nil is detected.
public struct ReadingSettings: Sendable, Hashable {
    public var encoding: TextEncoding?
    /// The field delimiter: one ASCII character (`,` `;` tab `|`...).
    public var delimiter: UInt8?
    public var quote: QuoteSetting?
    public var decimal: DecimalMark?
    /// Whether the first line of the table names the columns.
    public var header: Bool?
    public var badRows: BadRows = .stop

    public init() {}

    /// Equal settings, equal fingerprints (part of the cache key).
    public var fingerprint: String {
        [encoding?.rawValue ?? "", delimiter.map { String($0) } ?? "", quote?.description ?? "", decimal?.rawValue ?? "",
         header.map { $0 ? "1" : "0" } ?? "", badRows.rawValue].joined(separator: "|")
    }
}

/// The character that quotes a field, or none (quote marks are text).
public enum QuoteSetting: Sendable, Hashable, CustomStringConvertible {
    case character(UInt8)
    case none

    public var description: String {
        switch self {
        case .character(let byte): String(UnicodeScalar(byte))
        case .none: "none"
        }
    }
}

/// What a read does with a row whose fields do not fit the header (format.md, Reading a data file).
public enum BadRows: String, Sendable, CaseIterable {
    /// The read stops and names the row: the default.
    case stop
    /// The row is left out; how many and which lines are said.
    case skip
    /// The row is kept: a short row padded with missing cells, a long one's extra empty fields
    /// dropped (else its last fields), a stray quote read as text; how many are said.
    case keep
}

/// The text encodings a data file may be declared in.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case utf16le = "utf-16le"
    case utf16be = "utf-16be"
    case windows1252 = "windows-1252"
    case latin1 = "iso-8859-1"
    case latin9 = "iso-8859-15"

    /// The encoding a setting names, allowing the usual spellings (`UTF8`, `cp1252`, `latin-1`).
    public static func named(_ text: String) -> TextEncoding? {
        let key = text.lowercased().filter { $0.isLetter || $0.isNumber }
        switch key {
        case "utf8", "utf8bom", "utf8sig": return .utf8
        case "utf16le", "utf16": return .utf16le
        case "utf16be": return .utf16be
        case "windows1252", "cp1252", "win1252", "ansi": return .windows1252
        case "iso88591", "latin1", "l1": return .latin1
        case "iso885915", "latin9", "latin0": return .latin9
        default: return nil
        }
    }
}
