import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// Where the cursor is in YAML as typed (often broken mid-keystroke), read from the lines and
/// their indentation rather than from a parse: the enclosing keys, the keys already written
/// beside it, and whether it is typing a key or the value of one (a list item counts).
struct CursorContext {
    enum Slot: Equatable {
        case key
        case value(String)
    }

    var slot: Slot
    /// Keys of the enclosing mappings from the root: `["parameters"]`, `["personas", "parameters"]`.
    var ancestors: [String]
    /// Keys written in the mapping the cursor is in, with their inline values.
    var siblings: [String: String]
    /// Whether that mapping is a list item (`- field: ...`).
    var inListItem: Bool
    /// Byte offsets of the word being typed, which a completion replaces.
    var wordStart: Int
    var wordEnd: Int
    /// The word is inside quotes; completions must not add their own.
    var quoted: Bool
    /// The cursor is in a flow list (`[a, b]`), where `,` `[` `]` need quotes.
    var inFlowList: Bool
    /// The field of the parameter the cursor is in, for value completions.
    var field: String?
    /// Column where keys of the current mapping start (for snippets spanning lines).
    var contentColumn: Int

    private struct Line {
        var content: Int
        var isItem: Bool
        var key: String?
        var value: String
        var isBlank: Bool
    }

    init?(source: SourceText, offset: Int) {
        let cursor = source.position(atOffset: offset)
        let lines = (0..<source.lineCount).map { Self.parse(String(source.line($0))) }
        let lineStart = source.lineStarts[cursor.line]
        let prefix = String(decoding: source.bytes[lineStart..<offset], as: UTF8.self)
        let current = lines[cursor.line]
        let level = current.isBlank ? prefix.utf8.count : current.content
        contentColumn = level
        inListItem = current.isItem
        var ancestors: [String] = []
        var siblings: [String: String] = [:]
        if let key = current.key, !prefix.hasSuffix(key) { siblings[key] = current.value }

        // Upwards: siblings until the item starts, then parents with less indentation.
        var seekLevel = level
        var collecting = !current.isItem
        var index = cursor.line - 1
        while index >= 0 {
            defer { index -= 1 }
            let line = lines[index]
            if line.isBlank || line.content > seekLevel { continue }
            if line.content == seekLevel {
                if collecting, let key = line.key { siblings[key] = line.value }
                if line.isItem {
                    if seekLevel == level { inListItem = true }
                    collecting = false
                }
                continue
            }
            if let key = line.key { ancestors.insert(key, at: 0) }
            seekLevel = line.content
            collecting = false
        }
        // Downwards: the rest of the mapping's keys.
        index = cursor.line + 1
        while index < lines.count, !current.isItem || index > cursor.line {
            let line = lines[index]
            index += 1
            if line.isBlank || line.content > level { continue }
            if line.content < level || line.isItem { break }
            if let key = line.key { siblings[key] = line.value }
        }
        self.ancestors = ancestors
        self.siblings = siblings

        // What is being typed: bytes from the content column to the cursor.
        let prefixBytes = Array(prefix.utf8)
        let contentStart = min(current.isBlank ? level : current.content, prefixBytes.count)
        let typed = Array(prefixBytes[contentStart...])
        var slot = Slot.key
        var start = lineStart + contentStart
        var flow = false
        var quoted = false
        if let colon = Self.lastValueColon(in: typed) {
            slot = .value(Self.keyBefore(colon, in: typed))
            var valueStart = colon + 1
            let value = typed[valueStart...]
            if value.contains(UInt8(ascii: "[")), let open = value.lastIndex(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: ",") }) {
                flow = true
                valueStart = open + 1
            }
            start = lineStart + contentStart + valueStart
        } else if current.isItem, let parent = ancestors.last, [ParameterKey.in, .allOf, .containsAny].map(\.rawValue).contains(parent) {
            slot = .value(parent)
            ancestors.removeLast()
        }
        while start < offset, source.bytes[start] == UInt8(ascii: " ") { start += 1 }
        if start < offset, source.bytes[start] == UInt8(ascii: "\"") || source.bytes[start] == UInt8(ascii: "'") {
            quoted = true
            start += 1
        }
        var end = offset
        let lineEnd = source.lineEnd(cursor.line)
        let stops: Set<UInt8> = slot == .key ? [UInt8(ascii: ":"), UInt8(ascii: " ")] : [UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "#")]
        while end < lineEnd, !stops.contains(source.bytes[end]) { end += 1 }
        if slot != .key {
            while end > offset, source.bytes[end - 1] == UInt8(ascii: " ") { end -= 1 }
        }
        self.slot = slot
        self.wordStart = start
        self.wordEnd = max(end, offset)
        self.quoted = quoted
        self.inFlowList = flow

        // The parameter's field: among the siblings, or in the enclosing parameter mapping for list items.
        if let field = siblings[ParameterKey.field.rawValue], !field.isEmpty {
            self.field = Self.unquoted(field)
        } else {
            self.field = Self.fieldAbove(lines: lines, from: cursor.line, below: level)
        }
    }

    /// For a block list item (`- value` under `in:`), the `field:` of the parameter mapping holding that list.
    private static func fieldAbove(lines: [Line], from start: Int, below level: Int) -> String? {
        var index = start - 1
        var parameterLevel: Int?
        while index >= 0 {
            let line = lines[index]
            index -= 1
            if line.isBlank { continue }
            if parameterLevel == nil {
                if line.content < level { parameterLevel = line.content } else { continue }
            }
            guard let target = parameterLevel else { continue }
            if line.content < target { return nil }
            if line.content == target, line.key == ParameterKey.field.rawValue { return unquoted(line.value) }
            if line.content == target, line.isItem { break }
        }
        // Below the list, within the same parameter.
        guard let target = parameterLevel else { return nil }
        index = start + 1
        while index < lines.count {
            let line = lines[index]
            index += 1
            if line.isBlank || line.content > target { continue }
            if line.content < target || line.isItem { return nil }
            if line.key == ParameterKey.field.rawValue { return unquoted(line.value) }
        }
        return nil
    }

    private static func parse(_ text: String) -> Line {
        let bytes = Array(text.utf8)
        var column = 0
        while column < bytes.count, bytes[column] == UInt8(ascii: " ") { column += 1 }
        let rest = bytes[column...]
        if rest.isEmpty || rest.first == UInt8(ascii: "#") {
            return Line(content: column, isItem: false, key: nil, value: "", isBlank: true)
        }
        var isItem = false
        if rest.first == UInt8(ascii: "-"), rest.count == 1 || rest.dropFirst().first == UInt8(ascii: " ") {
            isItem = true
            column += 2
        }
        let body = String(decoding: bytes.dropFirst(min(column, bytes.count)), as: UTF8.self)
        var key: String?
        var value = ""
        if !body.hasPrefix("{"), !body.hasPrefix("["), let colon = lastKeyColon(in: body) {
            key = unquoted(String(body.prefix(colon)))
            value = String(body.dropFirst(colon + 1)).trimmingWhitespace().description
            if let comment = value.firstRange(of: " #") { value = String(value[..<comment.lowerBound]) }
        }
        return Line(content: column, isItem: isItem, key: key, value: value, isBlank: false)
    }

    /// The first `:` that ends a key (followed by a space or the end), as a character offset.
    private static func lastKeyColon(in body: String) -> Int? {
        let characters = Array(body)
        for (index, character) in characters.enumerated() where character == ":" {
            if index + 1 == characters.count || characters[index + 1] == " " { return index }
        }
        return nil
    }

    /// The index of the last `key:` colon (outside quotes) in what is typed, when a value follows it.
    private static func lastValueColon(in bytes: [UInt8]) -> Int? {
        var inQuotes = false
        var colon: Int?
        for (index, byte) in bytes.enumerated() {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes, byte == UInt8(ascii: ":"), index + 1 == bytes.count || bytes[index + 1] == UInt8(ascii: " ") { colon = index }
            if !inQuotes, byte == UInt8(ascii: "{") || byte == UInt8(ascii: "}") { colon = nil }
            if !inQuotes, byte == UInt8(ascii: ","), let found = colon, !bytes[found...index].contains(UInt8(ascii: "[")) { colon = nil }
        }
        return colon
    }

    /// The key written just before the colon at `colon`.
    private static func keyBefore(_ colon: Int, in bytes: [UInt8]) -> String {
        var start = colon
        while start > 0, ![UInt8(ascii: " "), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: "-")].contains(bytes[start - 1]) { start -= 1 }
        return unquoted(String(decoding: bytes[start..<colon], as: UTF8.self))
    }

    static func unquoted(_ text: String) -> String {
        var text = String(text.trimmingWhitespace())
        if text.count >= 2, let first = text.first, first == text.last, first == "\"" || first == "'" {
            text = String(text.dropFirst().dropLast())
        }
        return text
    }
}
