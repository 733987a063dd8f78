import ICPLanguage

/// How a column's cells were read, beyond its type (format.md, Values as written): the unit
/// of its numbers, the order of its dates, the yes/no words, how the type was decided, and
/// what a person must settle before it can be read as it looks.
public struct ColumnReading: Sendable, Hashable {
    /// Number and range columns: what a value of 1 stands for, and the currency or percent.
    public var unit: NumberUnit = .plain
    /// Where the unit was found: `header`, `cells` or `declared`; nil for plain numbers.
    public var unitSource: String?
    /// Date columns written `A/B/YYYY`: the order of day and month used.
    public var dateOrder: DateOrder?
    /// Whether ``dateOrder`` was declared (else a value settled it: a day over 12).
    public var dateOrderDeclared = false
    /// Boolean columns: the words read as yes and no.
    public var flags: FlagWords?
    /// The decimal mark numbers were read with, when one had to be chosen.
    public var decimal: DecimalMark?
    /// How the cells were written when that is not plain (`$1,234`, `51-200`, `03/15/2012`):
    /// an example value, for `icp columns` and the hover.
    public var example: String?
    /// What the reading could not settle: each with the line that settles it.
    public var questions: [ReadingQuestion] = []

    public init() {}
}

/// Something about a column's cells a person must settle (format.md, Values as written): the
/// column is read as text, or without the cells at fault, until a setting says how.
public struct ReadingQuestion: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A word such as `-`, `N/A` or `undisclosed` stands where numbers, dates or bands are.
        case missingMarker = "missing-marker"
        /// Most cells read as numbers, dates or bands; these do not.
        case unreadCells = "unread-cells"
        /// Every date reads both day-first and month-first.
        case ambiguousDates = "ambiguous-dates"
        /// Every number reads both with a decimal point and with a decimal comma.
        case ambiguousDecimal = "ambiguous-decimal"
        /// Amounts in more than one currency.
        case mixedCurrencies = "mixed-currencies"
    }

    public var kind: Kind
    /// The sentence that says what was found and what to add.
    public var message: String
    /// The `icp.workspace.yaml` setting that settles it, as written (`missing_values: ["-"]`).
    public var fix: String
    /// The cells at fault, as written (a few).
    public var values: [String]

    public init(kind: Kind, message: String, fix: String, values: [String]) {
        self.kind = kind
        self.message = message
        self.fix = fix
        self.values = values
    }
}

/// How a data file was read as a whole (format.md, Reading a data file): what `icp columns` says first.
public struct DatasetReading: Sendable, Hashable {
    public var encoding: TextEncoding = .utf8
    public var byteOrderMark = false
    /// Nil for JSON Lines.
    public var delimiter: UInt8?
    public var quote: QuoteSetting?
    public var header = true
    /// Lines above the header (a title, notes) that were skipped.
    public var preambleLines = 0
    /// The line of the header (or of the first row without one), 1-based.
    public var headerLine = 1
    /// Which of the above were declared rather than detected.
    public var declared: Set<String> = []
    /// Rows that did not fit the header, and the first of their lines (``BadRows``).
    public var badRows = 0
    public var badRowLines: [Int] = []
    public var badRowsPolicy: BadRows = .stop
    /// An unnamed last column, empty in every row (each line ends with a delimiter), that was left out.
    public var droppedTrailingColumn = false
    /// Why the first line was read as a row of data though no `header` setting said so (it holds
    /// `2019` over a column of years...); nil when it is the header or the setting decided.
    public var headerDoubt: String?

    /// The question a doubted header leaves, with the settings that answer it.
    public var headerQuestion: String? {
        headerDoubt.map { "the first line of the file reads as a row of data, not as column names (\($0)), so the columns are named column_1, column_2...; if that line names the columns, add `header: true` under this dataset in icp.workspace.yaml, else `header: false` to say it is a row" }
    }

    public init() {}

    /// "`;`-separated, quotes `\"`, header on line 4 (3 lines above skipped), UTF-8": how `icp columns` names it.
    public var description: String {
        guard let delimiter else { return "JSON Lines, \(encodingName)" }
        var parts = ["\(Self.delimiterName(delimiter))-separated"]
        switch quote {
        case .character(let byte)?: parts.append("quoted with \(byte == UInt8(ascii: "'") ? "'" : "\"")")
        case .none?: parts.append("no quoting")
        case nil: break
        }
        parts.append(header ? "header on line \(headerLine)" : "no header row (columns named column_1, column_2...)")
        if preambleLines > 0 { parts.append("\(preambleLines) line\(preambleLines == 1 ? "" : "s") above it skipped") }
        parts.append(encodingName)
        if droppedTrailingColumn { parts.append("an empty unnamed last column left out") }
        return parts.joined(separator: ", ")
    }

    private var encodingName: String {
        switch encoding {
        case .utf8: byteOrderMark ? "UTF-8 with a byte order mark" : "UTF-8"
        case .utf16le: "UTF-16 (little-endian)"
        case .utf16be: "UTF-16 (big-endian)"
        case .windows1252: "Windows-1252"
        case .latin1: "ISO-8859-1"
        case .latin9: "ISO-8859-15"
        }
    }

    /// `,`, `;`, `tab`, `|` as messages write a delimiter.
    public static func delimiterName(_ byte: UInt8) -> String {
        byte == 0x09 ? "tab" : "`\(String(UnicodeScalar(byte)))`"
    }
}
