/// Reads JSON (RFC 8259) into a ``SyntaxTree`` with exact ranges.
///
/// Any white space between tokens is fine, tabs included. Duplicate keys are kept (the schema
/// check reports them). On an error, reading stops there and the tree built so far is returned,
/// open objects and arrays closed at the error.
struct JSONReader {
    let source: SourceText
    private var bytes: [UInt8] { source.bytes }

    init(source: SourceText) {
        self.source = source
    }

    private struct Failure: Error {
        var message: String
        var offset: Int
        var length: Int
        /// The part of the tree read before the failure, if the failure happened inside a container.
        var partial: SyntaxNode?
    }

    func read() -> SyntaxTree {
        var cursor = 0
        skipSpace(&cursor)
        if cursor == bytes.count {
            return SyntaxTree(source: source, root: nil, errors: [])
        }
        do {
            let root = try value(&cursor, depth: 0)
            skipSpace(&cursor)
            if cursor < bytes.count {
                let error = SyntaxError(message: "Unexpected text after the end of the JSON value; a file holds one object.", range: tokenRange(at: cursor))
                return SyntaxTree(source: source, root: root, errors: [error])
            }
            return SyntaxTree(source: source, root: root, errors: [])
        } catch let failure as Failure {
            let end = min(failure.offset + failure.length, bytes.count)
            let error = SyntaxError(message: failure.message, range: source.range(from: failure.offset, to: end))
            return SyntaxTree(source: source, root: failure.partial, errors: [error])
        } catch {
            return SyntaxTree(source: source, root: nil, errors: [SyntaxError(message: "\(error)", range: SourceRange(at: .start))])
        }
    }

    private func skipSpace(_ cursor: inout Int) {
        while cursor < bytes.count {
            switch bytes[cursor] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): cursor += 1
            default: return
            }
        }
    }

    private func tokenRange(at offset: Int) -> SourceRange {
        let width = offset < bytes.count ? SourceText.scalarWidth(lead: bytes[offset]) : 0
        return source.range(from: offset, to: offset + width)
    }

    private func failure(_ message: String, at offset: Int, partial: SyntaxNode? = nil) -> Failure {
        let width = offset < bytes.count ? SourceText.scalarWidth(lead: bytes[offset]) : 0
        return Failure(message: message, offset: offset, length: width, partial: partial)
    }

    private func found(_ cursor: Int) -> String {
        guard cursor < bytes.count else { return "the end of the file" }
        let width = SourceText.scalarWidth(lead: bytes[cursor])
        let text = String(decoding: bytes[cursor..<min(cursor + width, bytes.count)], as: UTF8.self)
        return "`\(text)`"
    }

    private func value(_ cursor: inout Int, depth: Int) throws -> SyntaxNode {
        guard cursor < bytes.count else {
            throw failure("Expected a value but found the end of the file.", at: cursor)
        }
        switch bytes[cursor] {
        case UInt8(ascii: "{"): return try object(&cursor, depth: depth + 1)
        case UInt8(ascii: "["): return try array(&cursor, depth: depth + 1)
        case UInt8(ascii: "\""):
            let start = cursor
            let text = try string(&cursor)
            return .scalar(ScalarNode(text: text, style: .quoted, range: source.range(from: start, to: cursor)))
        default:
            return try literal(&cursor)
        }
    }

    private func checkDepth(_ depth: Int, at offset: Int) throws {
        if depth > SyntaxTree.maximumDepth {
            throw failure("The document nests deeper than \(SyntaxTree.maximumDepth) levels; an ICP needs only a few.", at: offset)
        }
    }

    private func object(_ cursor: inout Int, depth: Int) throws -> SyntaxNode {
        let start = cursor
        try checkDepth(depth, at: start)
        cursor += 1
        var entries: [MappingEntry] = []
        func partial(closingAt end: Int) -> SyntaxNode {
            .mapping(MappingNode(entries: entries, range: source.range(from: start, to: end)))
        }
        skipSpace(&cursor)
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "}") {
            cursor += 1
            return partial(closingAt: cursor)
        }
        while true {
            skipSpace(&cursor)
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") else {
                let message = cursor < bytes.count && bytes[cursor] == UInt8(ascii: "}")
                    ? "A trailing comma is not allowed in JSON; remove the `,` before `}`."
                    : "Expected a key in double quotes but found \(found(cursor)); write keys as \"key\"."
                throw failure(message, at: cursor, partial: partial(closingAt: cursor))
            }
            let keyStart = cursor
            let keyText: String
            do { keyText = try string(&cursor) } catch var inner as Failure {
                inner.partial = partial(closingAt: keyStart)
                throw inner
            }
            let key = SyntaxNode.scalar(ScalarNode(text: keyText, style: .quoted, range: source.range(from: keyStart, to: cursor)))
            skipSpace(&cursor)
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: ":") else {
                throw failure("Expected `:` after the key \"\(keyText)\" but found \(found(cursor)).", at: cursor, partial: partial(closingAt: keyStart))
            }
            cursor += 1
            skipSpace(&cursor)
            do {
                let item = try value(&cursor, depth: depth)
                entries.append(MappingEntry(key: key, value: item))
            } catch var inner as Failure {
                if let child = inner.partial { entries.append(MappingEntry(key: key, value: child)) }
                inner.partial = partial(closingAt: max(inner.offset, start + 1))
                throw inner
            }
            if try closes(&cursor, with: "}", openedAt: start, after: "the value of \"\(keyText)\"", partial: partial) {
                return partial(closingAt: cursor)
            }
        }
    }

    private func array(_ cursor: inout Int, depth: Int) throws -> SyntaxNode {
        let start = cursor
        try checkDepth(depth, at: start)
        cursor += 1
        var items: [SyntaxNode] = []
        func partial(closingAt end: Int) -> SyntaxNode {
            .sequence(SequenceNode(items: items, range: source.range(from: start, to: end), isFlow: true))
        }
        skipSpace(&cursor)
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "]") {
            cursor += 1
            return partial(closingAt: cursor)
        }
        while true {
            skipSpace(&cursor)
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "]") {
                throw failure("A trailing comma is not allowed in JSON; remove the `,` before `]`.", at: cursor, partial: partial(closingAt: cursor))
            }
            do {
                items.append(try value(&cursor, depth: depth))
            } catch var inner as Failure {
                if let child = inner.partial { items.append(child) }
                inner.partial = partial(closingAt: max(inner.offset, start + 1))
                throw inner
            }
            if try closes(&cursor, with: "]", openedAt: start, after: "a list item", partial: partial) {
                return partial(closingAt: cursor)
            }
        }
    }

    /// After an element of an object or list: consumes a `,` (false) or the closing bracket (true).
    private func closes(_ cursor: inout Int, with bracket: Unicode.Scalar, openedAt start: Int, after element: String,
                        partial: (Int) -> SyntaxNode) throws -> Bool {
        skipSpace(&cursor)
        let noun = bracket == "}" ? "object" : "list"
        guard cursor < bytes.count else {
            throw failure("This \(noun) is never closed; add `\(bracket)` at its end.", at: start, partial: partial(cursor))
        }
        switch bytes[cursor] {
        case UInt8(ascii: ","):
            cursor += 1
            return false
        case UInt8(bracket.value):
            cursor += 1
            return true
        default:
            throw failure("Expected `,` or `\(bracket)` after \(element) but found \(found(cursor)).", at: cursor, partial: partial(cursor))
        }
    }

    /// Reads a string token starting at its opening quote; leaves `cursor` after the closing quote.
    private func string(_ cursor: inout Int) throws -> String {
        let start = cursor
        cursor += 1
        var utf8: [UInt8] = []
        while cursor < bytes.count {
            let byte = bytes[cursor]
            switch byte {
            case UInt8(ascii: "\""):
                cursor += 1
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                // A backslash as the last byte: the string is never closed (a `break` here would only leave the switch).
                guard cursor + 1 < bytes.count else {
                    throw Failure(message: "This string is never closed; add the closing `\"`.", offset: start, length: 1, partial: nil)
                }
                let escape = bytes[cursor + 1]
                let simple: [UInt8: UInt8] = [
                    UInt8(ascii: "\""): UInt8(ascii: "\""), UInt8(ascii: "\\"): UInt8(ascii: "\\"), UInt8(ascii: "/"): UInt8(ascii: "/"),
                    UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A, UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
                ]
                if let replacement = simple[escape] {
                    utf8.append(replacement)
                    cursor += 2
                } else if escape == UInt8(ascii: "u") {
                    let scalar = try unicodeEscape(&cursor)
                    utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
                } else {
                    throw Failure(message: "`\\\(String(decoding: [escape], as: UTF8.self))` is not a JSON escape; use \\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t, or \\u and four hex digits.", offset: cursor, length: 2, partial: nil)
                }
            case 0..<0x20:
                let message = byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
                    ? "This string is never closed on its line; add the closing `\"`."
                    : "A control character must be escaped inside a JSON string (use \\t for a tab)."
                throw Failure(message: message, offset: byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") ? start : cursor, length: 1, partial: nil)
            default:
                utf8.append(byte)
                cursor += 1
            }
        }
        throw Failure(message: "This string is never closed; add the closing `\"`.", offset: start, length: 1, partial: nil)
    }

    private func hexValue(at offset: Int) -> UInt32? {
        guard offset + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for byte in bytes[offset..<offset + 4] {
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            value = value * 16 + digit
        }
        return value
    }

    /// Reads a `\u` escape with its four hex digits, or a surrogate pair of two; a lone surrogate becomes U+FFFD.
    private func unicodeEscape(_ cursor: inout Int) throws -> Unicode.Scalar {
        guard let high = hexValue(at: cursor + 2) else {
            throw Failure(message: "`\\u` must be followed by four hex digits.", offset: cursor, length: 2, partial: nil)
        }
        cursor += 6
        if (0xD800..<0xDC00).contains(high), cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "\\"), bytes[cursor + 1] == UInt8(ascii: "u"),
           let low = hexValue(at: cursor + 2), (0xDC00..<0xE000).contains(low) {
            cursor += 6
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) ?? "\u{FFFD}"
        }
        return Unicode.Scalar(high) ?? "\u{FFFD}"
    }

    /// A number, `true`, `false` or `null`: kept as plain text, typed later by the key it is read for.
    private func literal(_ cursor: inout Int) throws -> SyntaxNode {
        let start = cursor
        while cursor < bytes.count {
            let byte = bytes[cursor]
            let isPart = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "E")
            guard isPart else { break }
            cursor += 1
        }
        let text = String(decoding: bytes[start..<cursor], as: UTF8.self)
        if text == "true" || text == "false" || text == "null" || Self.isJSONNumber(text) {
            return .scalar(ScalarNode(text: text, style: .plain, range: source.range(from: start, to: cursor)))
        }
        if text.isEmpty {
            throw failure("Expected a value (text in double quotes, a number, true, false, null, an object or a list) but found \(found(start)).", at: start)
        }
        throw Failure(message: "`\(text)` is not a JSON value; put text in double quotes.", offset: start, length: cursor - start, partial: nil)
    }

    static func isJSONNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            var count = 0
            while let first = scalars.first, ("0"..."9").contains(first) {
                scalars.removeFirst()
                count += 1
            }
            return count
        }
        if scalars.first == "-" { scalars.removeFirst() }
        if scalars.first == "0" {
            scalars.removeFirst()
        } else if digits() == 0 {
            return false
        }
        if scalars.first == "." {
            scalars.removeFirst()
            if digits() == 0 { return false }
        }
        if scalars.first == "e" || scalars.first == "E" {
            scalars.removeFirst()
            if scalars.first == "+" || scalars.first == "-" { scalars.removeFirst() }
            if digits() == 0 { return false }
        }
        return scalars.isEmpty
    }
}
