/// Text changes to the `parameters` list of an ICP file that touch nothing else: comments,
/// order and formatting stay as written. Block YAML is edited by whole lines at the list's own
/// indentation; a flow list or JSON by items and their commas.
public struct ParameterListEditor: Sendable {
    public let tree: SyntaxTree
    public let sequence: SequenceNode
    public let format: SourceFormat

    public init?(_ tree: SyntaxTree, format: SourceFormat) {
        guard let sequence = tree.root?.mapping?.entries.first(where: { $0.key.scalar?.text == ICPKey.parameters.rawValue })?.value.sequence else { return nil }
        self.tree = tree
        self.sequence = sequence
        self.format = format
    }

    private var source: SourceText { tree.source }
    private var isFlow: Bool { sequence.isFlow || format == .json }

    /// The mapping of parameter `index`.
    public func item(_ index: Int) -> MappingNode? {
        index >= 0 && index < sequence.items.count ? sequence.items[index].mapping : nil
    }

    /// The entry for `key` in parameter `index`.
    public func entry(_ key: String, in index: Int) -> MappingEntry? {
        item(index)?.entries.first { $0.key.scalar?.text == key }
    }

    /// Whether any item is a YAML alias (`- *base`) or the anchor one points at: the same text
    /// stands for two parameters, so an edit of one would change the other (or land elsewhere).
    public var hasSharedItems: Bool {
        var previousEnd = sequence.range.start.offset
        for item in sequence.items {
            if item.range.start.offset < previousEnd || item.range.end.offset > sequence.range.end.offset { return true }
            previousEnd = item.range.end.offset
        }
        return false
    }

    /// Whether item `index` shares its text with another item (an alias, or an aliased anchor).
    public func isShared(_ index: Int) -> Bool {
        guard index >= 0, index < sequence.items.count else { return true }
        let range = sequence.items[index].range
        return range.start.offset < sequence.range.start.offset || range.end.offset > sequence.range.end.offset
            || sequence.items.indices.contains { $0 != index && sequence.items[$0].range.start.offset == range.start.offset }
    }

    /// `parameters` added after the last one: in block YAML on their own lines with their
    /// comments; in a flow list or JSON as `, {...}` items.
    public func insertion(of parameters: [WrittenParameter]) -> TextChange? {
        guard let last = sequence.items.last, !hasSharedItems else { return nil }
        if isFlow {
            let offset = last.range.end.offset
            return TextChange(start: offset, end: offset, text: parameters.map { ", " + $0.flowItem(json: format == .json) }.joined())
        }
        let firstLine = sequence.items.first?.range.start.line ?? last.range.start.line
        let indent = String(source.line(firstLine).prefix { $0 == " " })
        let offset = offsetAfter(last)
        let needsBreak = offset == source.bytes.count && source.bytes.last != UInt8(ascii: "\n")
        let lines = parameters.flatMap { $0.yamlLines(indent: indent) }
        return TextChange(start: offset, end: offset, text: (needsBreak ? lineBreak : "") + lines.joined(separator: lineBreak) + lineBreak)
    }

    /// The line break the file uses: `\r\n` when its first line ends so, else `\n`.
    private var lineBreak: String {
        guard let newline = source.bytes.firstIndex(of: UInt8(ascii: "\n")) else { return "\n" }
        return newline > 0 && source.bytes[newline - 1] == UInt8(ascii: "\r") ? "\r\n" : "\n"
    }

    /// The start of the line after `node` in block YAML. A block scalar that keeps its trailing
    /// blank lines (`|+`, `>+`) owns them, so text added after it goes after them.
    private func offsetAfter(_ node: SyntaxNode) -> Int {
        var line = lastLine(of: node.range)
        if let last = lastScalar(in: node), last.style == .block,
           source.bytes[last.range.start.offset..<source.lineEnd(last.range.start.line)].prefix(while: { $0 > 0x20 && $0 != UInt8(ascii: "#") }).contains(UInt8(ascii: "+")) {
            while line + 1 < source.lineCount, source.line(line + 1).allSatisfy(\.isWhitespace) { line += 1 }
        }
        return startOfLine(after: line)
    }

    /// The scalar that ends last inside `node`.
    private func lastScalar(in node: SyntaxNode) -> ScalarNode? {
        switch node {
        case .scalar(let scalar): scalar
        case .mapping(let mapping): mapping.entries.last.flatMap { lastScalar(in: $0.value) }
        case .sequence(let sequence): sequence.items.last.flatMap(lastScalar)
        }
    }

    /// Parameter `index` removed: its lines in block YAML (comments above it stay), else the item and one comma.
    public func removal(of index: Int) -> TextChange? {
        guard index >= 0, index < sequence.items.count, !isShared(index) else { return nil }
        let item = sequence.items[index]
        if isFlow {
            if index > 0 { return TextChange(start: sequence.items[index - 1].range.end.offset, end: item.range.end.offset, text: "") }
            let end = index + 1 < sequence.items.count ? sequence.items[index + 1].range.start.offset : item.range.end.offset
            return TextChange(start: item.range.start.offset, end: end, text: "")
        }
        return TextChange(start: source.lineStarts[item.range.start.line], end: offsetAfter(item), text: "")
    }

    /// Whether parameter `index` is written in flow style (`{field: x, ...}` or JSON).
    private func isFlowItem(_ index: Int) -> Bool {
        guard let item = item(index) else { return isFlow }
        return isFlow || source.bytes[item.range.start.offset] == UInt8(ascii: "{")
    }

    /// The value of `key` in parameter `index` set to `value` (written as it should appear):
    /// replaced where the key is, else added as the parameter's last key.
    public func setting(_ key: String, to value: String, in index: Int) -> TextChange? {
        guard let item = item(index), let last = item.entries.last, !isShared(index) else { return nil }
        if let entry = entry(key, in: index) {
            return TextChange(start: entry.value.range.start.offset, end: entry.value.range.end.offset, text: value)
        }
        if isFlowItem(index) {
            let keyText = format == .json ? key.jsonQuoted : key
            return TextChange(start: last.value.range.end.offset, end: last.value.range.end.offset, text: ", \(keyText): \(value)")
        }
        let indent = String(repeating: " ", count: item.entries[0].key.range.start.column)
        let offset = offsetAfter(last.value)
        let needsBreak = offset == source.bytes.count && source.bytes.last != UInt8(ascii: "\n")
        return TextChange(start: offset, end: offset, text: (needsBreak ? lineBreak : "") + "\(indent)\(key): \(value)\(lineBreak)")
    }

    /// The `key` entry of parameter `index` removed: its whole lines in block style (when nothing
    /// else stands on them), else the pair and one comma.
    public func removal(ofKey key: String, in index: Int) -> TextChange? {
        guard !isShared(index), let item = item(index), let position = item.entries.firstIndex(where: { $0.key.scalar?.text == key }) else { return nil }
        let entry = item.entries[position]
        if !isFlowItem(index) {
            let line = entry.key.range.start.line
            let before = source.bytes[source.lineStarts[line]..<entry.key.range.start.offset]
            if before.allSatisfy({ $0 == UInt8(ascii: " ") }) {
                return TextChange(start: source.lineStarts[line], end: offsetAfter(entry.value), text: "")
            }
        }
        if position > 0 {
            return TextChange(start: item.entries[position - 1].value.range.end.offset, end: entry.value.range.end.offset, text: "")
        }
        let end = position + 1 < item.entries.count ? item.entries[position + 1].key.range.start.offset : entry.value.range.end.offset
        return TextChange(start: entry.key.range.start.offset, end: end, text: "")
    }

    /// The `key` entry of parameter `index` replaced by `newKey: value`, where it stands: a
    /// condition rewritten (`is: Germany` → `in: [Germany, France]`).
    public func replacing(_ key: String, with newKey: String, value: String, in index: Int) -> TextChange? {
        guard !isShared(index), let entry = entry(key, in: index) else { return nil }
        return TextChange(start: entry.key.range.start.offset, end: entry.value.range.end.offset,
                          text: "\(format == .json ? newKey.jsonQuoted : newKey): \(value)")
    }

    /// Values (written as they should appear) as a flow list: `[a, b]`.
    public func writtenList(_ values: [String]) -> String {
        "[" + values.map(written).joined(separator: ", ") + "]"
    }

    /// `values` (written as they should appear) added at the end of the list under `key` in
    /// parameter `index`: `[a, b]` becomes `[a, b, c]`; a block list gets `- c` lines.
    public func appending(_ values: [String], toListOf key: String, in index: Int) -> TextChange? {
        guard !isShared(index), let list = entry(key, in: index)?.value.sequence, let last = list.items.last else { return nil }
        if list.isFlow || format == .json {
            let offset = last.range.end.offset
            return TextChange(start: offset, end: offset, text: values.map { ", " + $0 }.joined())
        }
        let dash = source.line(last.range.start.line).prefix { $0 == " " }
        let offset = offsetAfter(last)
        let needsBreak = offset == source.bytes.count && source.bytes.last != UInt8(ascii: "\n")
        return TextChange(start: offset, end: offset, text: (needsBreak ? lineBreak : "") + values.map { "\(dash)- \($0)\(lineBreak)" }.joined())
    }

    /// A value as this file writes it: quoted for JSON, quoted where YAML would misread it.
    public func written(_ value: String) -> String {
        format == .json ? value.jsonQuoted : ICPFileText.yamlText(value)
    }

    /// Parameter `index`'s `mode` set to `mode`: the mode's value is a string, quoted in JSON.
    public func settingMode(_ mode: ParameterMode, in index: Int) -> TextChange? {
        setting(ParameterKey.mode.rawValue, to: format == .json ? mode.rawValue.jsonQuoted : mode.rawValue, in: index)
    }

    /// The last line a range covers (a range ending at column 0 ends on the line before).
    private func lastLine(of range: SourceRange) -> Int {
        range.end.column == 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line
    }

    private func startOfLine(after line: Int) -> Int {
        line + 1 < source.lineCount ? source.lineStarts[line + 1] : source.bytes.count
    }
}
