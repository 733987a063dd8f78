import ICPCore

/// A column as read, before typing: one dictionary code per row (0 is missing) and each
/// distinct cell text, trimmed. JSON Lines arrays keep their elements per code.
struct RawColumn {
    var name: String
    var codes: [UInt32] = []
    var values: [String] = [""]
    /// For columns holding JSON arrays: the elements of each code's list.
    var lists: [[String]]?
    private var index: [String: UInt32] = [:]

    init(name: String) {
        self.name = name
    }

    mutating func appendMissing() {
        codes.append(0)
    }

    /// Appends a cell; `text` is already trimmed and known to be present.
    mutating func append(_ text: String) {
        if let code = index[text] {
            codes.append(code)
            return
        }
        let code = UInt32(values.count)
        index[text] = code
        values.append(text)
        lists?.append([text])
        codes.append(code)
    }

    /// Appends a JSON array cell (non-empty, elements trimmed and present).
    mutating func append(list elements: [String]) {
        if lists == nil { lists = values.map { $0.isEmpty ? [] : [$0] } }
        let key = "\u{1E}" + elements.joined(separator: "\u{1F}")
        if let code = index[key] {
            codes.append(code)
            return
        }
        let code = UInt32(values.count)
        index[key] = code
        values.append(elements.joined(separator: ", "))
        lists?.append(elements)
        codes.append(code)
    }
}

/// Which cell texts count as missing: empty (after trimming), or one of `missing_values` (any case).
struct MissingValues {
    private let texts: Set<String>

    init(_ texts: [String]) {
        self.texts = Set(texts.map(TextNormalization.normalize))
    }

    /// The trimmed text, or nil when the cell is missing.
    func present(_ cell: String) -> String? {
        let trimmed = String(cell.trimmingWhitespace())
        if trimmed.isEmpty { return nil }
        if !texts.isEmpty, texts.contains(trimmed.lowercased()) { return nil }
        return trimmed
    }
}
