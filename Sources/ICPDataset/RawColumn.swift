import ICPLanguage
import ICPEngine

/// A column as read, before typing: one dictionary code per row (0 is missing) and each
/// distinct cell text, trimmed. JSON Lines arrays keep their elements per code.
struct RawColumn {
    var name: String
    var codes: [UInt32] = []
    var values = TextTable([""])
    /// For columns holding JSON arrays: the elements of each code's list.
    var lists: [[String]]?
    private var interner = ByteInterner()
    /// Set for CSV columns: past this many distinct values, a column where most cells so far
    /// were new stops looking values up (a lookup in a table that large misses the processor's
    /// cache every time) and appends every present cell; ``finish()`` then finds the repeats in
    /// one cache-friendly pass. Nil (JSON Lines, whose lists need the dictionary): never.
    var spillThreshold: Int?
    private(set) var spilled = false

    init(name: String) {
        self.name = name
    }

    mutating func appendMissing() {
        codes.append(0)
    }

    /// Appends a cell given as bytes with ASCII white space already trimmed; `missing` decides
    /// (once per distinct byte string) whether it counts as missing. Plain ASCII cells are
    /// stored straight from their bytes; only other text goes through a `String`.
    mutating func append(bytes: UnsafeBufferPointer<UInt8>, missing: MissingValues) {
        if spilled {
            switch missing.presence(of: bytes) {
            case .missing:
                codes.append(0)
            case .asWritten:
                codes.append(UInt32(values.count))
                values.append(bytes: bytes)
            case .trimmed(let text):
                codes.append(UInt32(values.count))
                values.append(text)
            }
            return
        }
        let hash = ByteInterner.hash(bytes)
        if let code = interner.code(for: bytes, hash: hash) {
            codes.append(code)
            return
        }
        var code: UInt32 = 0
        switch missing.presence(of: bytes) {
        case .missing:
            break
        case .asWritten:
            code = UInt32(values.count)
            values.append(bytes: bytes)
            if lists != nil { lists?.append([String(decoding: bytes, as: UTF8.self)]) }
        case .trimmed(let text):
            code = UInt32(values.count)
            values.append(text)
            lists?.append([text])
        }
        interner.insert(bytes, hash: hash, code: code)
        codes.append(code)
        if let spillThreshold, values.count >= spillThreshold, values.count * 2 > codes.count {
            spilled = true
            interner = ByteInterner()
        }
    }

    /// Appends the rows of `other`, read after these with a dictionary of its own: its codes are
    /// renumbered into this column's dictionary, values new here numbered in `other`'s order.
    /// (CSV only: columns without lists.)
    mutating func merge(_ other: RawColumn) {
        if spilled || other.spilled {
            // Repeats are found by ``finish()``: append the other's values as they are.
            spilled = true
            interner = ByteInterner()
            let base = UInt32(values.count - 1)
            values.append(contentsOf: other.values, from: 1)
            codes.reserveCapacity(codes.count + other.codes.count)
            for code in other.codes { codes.append(code == 0 ? 0 : code + base) }
            return
        }
        var renumbered = [UInt32](repeating: UInt32.max, count: other.values.count)
        renumbered[0] = 0
        other.values.bytes.withUnsafeBufferPointer { valueBytes in
            other.interner.forEachEntry { key, code in
                let hash = ByteInterner.hash(key)
                if let known = interner.code(for: key, hash: hash) {
                    if renumbered[Int(code)] == UInt32.max { renumbered[Int(code)] = known }
                    return
                }
                if renumbered[Int(code)] == UInt32.max {
                    renumbered[Int(code)] = UInt32(values.count)
                    let range = other.values.offsets[Int(code)]..<other.values.offsets[Int(code) + 1]
                    values.append(bytes: UnsafeBufferPointer(rebasing: valueBytes[range]))
                }
                interner.insert(key, hash: hash, code: renumbered[Int(code)])
            }
        }
        codes.reserveCapacity(codes.count + other.codes.count)
        for code in other.codes { codes.append(renumbered[Int(code)]) }
    }

    /// Once all rows are read: a spilled column's repeats get one code each, and the lookup
    /// table is dropped (only codes and values matter from here).
    mutating func finish() {
        interner = ByteInterner()
        if spilled { deduplicate() }
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
    /// The missing texts that are ASCII, lowercased, as bytes: compared with ASCII cells without a `String`.
    private let asciiTexts: [[UInt8]]

    /// Only empty cells are missing.
    static let none = MissingValues([])

    init(_ texts: [String]) {
        self.texts = Set(texts.map(TextNormalization.normalize))
        asciiTexts = self.texts.map { Array($0.utf8) }.filter { $0.allSatisfy { $0 < 0x80 } }
    }

    /// The trimmed text, or nil when the cell is missing.
    func present(_ cell: String) -> String? {
        let trimmed = String(cell.trimmingWhitespace())
        if trimmed.isEmpty { return nil }
        if !texts.isEmpty, texts.contains(trimmed.lowercased()) { return nil }
        return trimmed
    }

    enum Presence {
        case missing
        /// Present, and the bytes are the value as written (nothing left to trim).
        case asWritten
        /// Present once trimmed of white space beyond ASCII.
        case trimmed(String)
    }

    /// Whether a cell (ASCII white space already trimmed) is missing; plain ASCII is decided on its bytes.
    func presence(of bytes: UnsafeBufferPointer<UInt8>) -> Presence {
        guard let first = bytes.first, let last = bytes.last, first > 0x20, last > 0x20, bytes.allSatisfy({ $0 < 0x80 }) else {
            return present(String(decoding: bytes, as: UTF8.self)).map(Presence.trimmed) ?? .missing
        }
        for text in asciiTexts where text.count == bytes.count {
            if zip(text, bytes).allSatisfy({ $0 == Self.asciiLowercase($1) }) { return .missing }
        }
        return .asWritten
    }

    private static func asciiLowercase(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 32 : byte
    }
}
