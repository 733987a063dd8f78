import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// Where the cursor is in JSON as typed (often unfinished: no closing brackets yet, a string
/// still open), read by a tolerant scan of the tokens rather than a parse: the same
/// ``CursorContext`` the YAML side gives, so completions are the same in both formats.
extension CursorContext {
    /// One open object or array while scanning.
    private struct Frame {
        var isObject: Bool
        /// In an object: the key whose value is being read (nil while a key is expected).
        var key: String?
        /// In an object: the keys written so far, with their scalar values.
        var keys: [String: String] = [:]
        /// The key in the parent object this container is the value of.
        var parentKey: String?
    }

    private enum Token {
        case string(text: String, start: Int, end: Int, closed: Bool)
        case bare(text: String, start: Int, end: Int)
        case punctuation(UInt8, at: Int)
    }

    init?(json source: SourceText, offset: Int) {
        let bytes = source.bytes
        let offset = min(max(offset, 0), bytes.count)
        var stack: [Frame] = []
        var index = 0
        var pendingString: String?
        var cursorToken: Token?
        // Tokens before the cursor build the stack; a token holding the cursor is remembered.
        while index < bytes.count {
            let token = Self.token(bytes, at: &index)
            guard let token else { break }
            let (start, end) = Self.extent(token)
            if start < offset, offset <= end, !Self.isPunctuation(token) {
                cursorToken = token
                break
            }
            if start >= offset { break }
            Self.apply(token, to: &stack, pendingString: &pendingString)
        }
        guard !stack.isEmpty else { return nil }

        // The container the cursor is in, and whether it expects a key or a value there.
        let top = stack.last
        let expectsKey = top.map { $0.isObject && $0.key == nil && pendingString == nil } ?? false
        var slot: Slot = .key
        if let top, !expectsKey {
            slot = .value(top.isObject ? (top.key ?? pendingString ?? "") : (top.parentKey ?? ""))
        } else if top == nil {
            slot = .value("")
        }
        // The whole token is replaced, quotes included: a completion writes its own JSON.
        let word = cursorToken.map(Self.extent) ?? (start: offset, end: offset)
        self.slot = slot
        self.wordStart = word.start
        self.wordEnd = max(word.end, offset)
        self.quoted = false
        self.inFlowList = top.map { !$0.isObject } ?? false
        self.contentColumn = 0
        // Keys of enclosing objects from the root: the key each container below them is the value of.
        var ancestors = stack.dropLast().compactMap { $0.isObject ? $0.key : nil }
        if let top, !top.isObject, case .value = slot, !ancestors.isEmpty {
            // Inside a list of values (`"in": [...]`): the list's key is the slot, not an ancestor.
            ancestors.removeLast()
        }
        self.ancestors = ancestors
        self.inListItem = stack.count >= 2 && top?.isObject == true && !stack[stack.count - 2].isObject

        // The innermost object's keys, those after the cursor included (`field` often follows).
        let objectDepth = stack.lastIndex { $0.isObject }
        var siblings = objectDepth.map { stack[$0].keys } ?? [:]
        if let objectDepth {
            var rest = stack
            var restPending: String?
            var scan = max(offset, cursorToken.map { Self.extent($0).end } ?? offset)
            while scan < bytes.count, rest.count > objectDepth, let token = Self.token(bytes, at: &scan) {
                let depthBefore = rest.count
                Self.apply(token, to: &rest, pendingString: &restPending)
                if rest.count == objectDepth + 1, depthBefore == objectDepth + 1 {
                    siblings.merge(rest[objectDepth].keys) { _, latest in latest }
                }
            }
        }
        self.siblings = siblings
        self.field = siblings[ParameterKey.field.rawValue].flatMap { $0.isEmpty ? nil : $0 }
        // A list item's own field lives in the object holding the list.
        if field == nil, let top, !top.isObject, stack.count >= 2 {
            self.field = stack[stack.count - 2].keys[ParameterKey.field.rawValue]
        }
    }

    private static func isPunctuation(_ token: Token) -> Bool {
        if case .punctuation = token { return true }
        return false
    }

    private static func extent(_ token: Token) -> (start: Int, end: Int) {
        switch token {
        case .string(_, let start, let end, _), .bare(_, let start, let end): (start, end)
        case .punctuation(_, let at): (at, at + 1)
        }
    }

    /// Updates the open containers with one token. A string before `:` is a key; a scalar after
    /// one is recorded as that key's value.
    private static func apply(_ token: Token, to stack: inout [Frame], pendingString: inout String?) {
        switch token {
        case .punctuation(let byte, _):
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                let parentKey = stack.last.flatMap { $0.isObject ? $0.key : $0.parentKey }
                stack.append(Frame(isObject: byte == UInt8(ascii: "{"), parentKey: parentKey))
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
                if let last = stack.indices.last, stack[last].isObject, let key = stack[last].key {
                    stack[last].keys[key] = stack[last].keys[key] ?? ""
                }
            case UInt8(ascii: ":"):
                if let key = pendingString, let last = stack.indices.last, stack[last].isObject {
                    stack[last].key = key
                    stack[last].keys[key] = ""
                }
                pendingString = nil
            case UInt8(ascii: ","):
                if let last = stack.indices.last, stack[last].isObject { stack[last].key = nil }
                pendingString = nil
            default:
                break
            }
        case .string(let text, _, _, _):
            if let last = stack.indices.last, stack[last].isObject {
                if let key = stack[last].key { stack[last].keys[key] = text } else { pendingString = text }
            }
        case .bare(let text, _, _):
            if let last = stack.indices.last, stack[last].isObject, let key = stack[last].key { stack[last].keys[key] = text }
        }
    }

    /// The next token from `index`, white space skipped; nil at the end.
    private static func token(_ bytes: [UInt8], at index: inout Int) -> Token? {
        while index < bytes.count, [UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }
        let start = index
        let byte = bytes[index]
        if "{}[]:,".utf8.contains(byte) {
            index += 1
            return .punctuation(byte, at: start)
        }
        if byte == UInt8(ascii: "\"") {
            index += 1
            var text: [UInt8] = []
            while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\n") {
                if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                    index += 1
                    text.append(bytes[index] == UInt8(ascii: "n") ? UInt8(ascii: "\n") : bytes[index])
                } else {
                    text.append(bytes[index])
                }
                index += 1
            }
            let closed = index < bytes.count && bytes[index] == UInt8(ascii: "\"")
            if closed { index += 1 }
            return .string(text: String(decoding: text, as: UTF8.self), start: start, end: index, closed: closed)
        }
        while index < bytes.count, !"{}[]:,\" \n\r\t".utf8.contains(bytes[index]) { index += 1 }
        return .bare(text: String(decoding: bytes[start..<index], as: UTF8.self), start: start, end: index)
    }
}
