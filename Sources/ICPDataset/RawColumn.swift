import ICPCore

/// A column as read, before typing: one dictionary code per row (0 is missing) and each
/// distinct cell text, trimmed. JSON Lines arrays keep their elements per code.
struct RawColumn {
    var name: String
    var codes: [UInt32] = []
    var values = TextTable([""])
    /// For columns holding JSON arrays: the elements of each code's list.
    var lists: [[String]]?
    private var interner = ByteInterner()

    init(name: String) {
        self.name = name
    }

    mutating func appendMissing() {
        codes.append(0)
    }

    /// Appends a cell given as bytes with ASCII white space already trimmed; `missing` decides
    /// (once per distinct byte string) whether it counts as missing.
    mutating func append(bytes: UnsafeBufferPointer<UInt8>, missing: MissingValues) {
        let hash = ByteInterner.hash(bytes)
        if let code = interner.code(for: bytes, hash: hash) {
            codes.append(code)
            return
        }
        let code: UInt32
        if let text = missing.present(String(decoding: bytes, as: UTF8.self)) {
            code = UInt32(values.count)
            values.append(text)
            lists?.append([text])
        } else {
            code = 0
        }
        interner.insert(bytes, hash: hash, code: code)
        codes.append(code)
    }

    /// Appends a present, trimmed cell.
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes in append(bytes: bytes, missing: .none) }
    }

    /// Appends a JSON array cell (non-empty, elements trimmed and present).
    mutating func append(list elements: [String]) {
        if lists == nil { lists = values.map { $0.isEmpty ? [] : [$0] } }
        var key = "\u{1E}" + elements.joined(separator: "\u{1F}")
        let found: UInt32? = key.withUTF8 { bytes in interner.code(for: bytes, hash: ByteInterner.hash(bytes)) }
        if let code = found {
            codes.append(code)
            return
        }
        let code = UInt32(values.count)
        values.append(elements.joined(separator: ", "))
        lists?.append(elements)
        key.withUTF8 { bytes in interner.insert(bytes, hash: ByteInterner.hash(bytes), code: code) }
        codes.append(code)
    }
}

/// Which cell texts count as missing: empty (after trimming), or one of `missing_values` (any case).
struct MissingValues {
    private let texts: Set<String>

    /// Only empty cells are missing.
    static let none = MissingValues([])

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
