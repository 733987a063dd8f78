/// Writes a YAML syntax tree in the canonical layout (Documentation/format.md, Layout), with
/// the comments and blank lines ``YAMLTrivia`` attached to its nodes.
struct YAMLLayout {
    let source: SourceText
    let trivia: YAMLTrivia
    private(set) var lines: [String] = []

    init(source: SourceText, trivia: YAMLTrivia) {
        self.source = source
        self.trivia = trivia
    }

    /// The whole document's lines.
    mutating func writeDocument(_ root: SyntaxNode?, place: FormatPlace) {
        switch root {
        case .mapping(let mapping) where !mapping.entries.isEmpty:
            writeMapping(mapping, place: place, indent: 0)
        case .sequence(let sequence) where !sequence.items.isEmpty && !sequence.isFlow:
            writeList(sequence, place: place, onlyText: false, indent: 0)
        case let root?:
            writeValue(root, place: place, onlyText: false, head: nil, indent: 0, endOfLine: nil)
        case nil:
            break
        }
        writeTrivia(trivia.document, indent: 0)
        while lines.first == "" { lines.removeFirst() }
        while lines.last == "" { lines.removeLast() }
    }

    /// The entries of `mapping` at `indent`; with `dash`, the first one after `- ` two columns left.
    /// `trailing`: also the comments after its last entry (false when a range is formatted alone).
    /// `firstLineEnd`: comments written after the list item's `}` when it was inline, now at the
    /// end of its first line.
    mutating func writeMapping(_ mapping: MappingNode, place: FormatPlace, indent: Int, dash: Bool = false, trailing: Bool = true, firstLineEnd: [String]? = nil) {
        for (index, entry) in place.ordered(mapping.entries).enumerated() {
            let keyStart = entry.key.range.start.offset
            let first = dash && index == 0
            writeTrivia(trivia.beforeEntry[keyStart], indent: first ? indent - 2 : indent, atStart: index == 0)
            let key = entry.key.scalar.map(Self.keyText) ?? "?"
            let lead = first ? String(repeating: " ", count: indent - 2) + "- " : String(repeating: " ", count: indent)
            let name = entry.key.scalar?.text ?? ""
            writeValue(entry.value, place: place.child(name), onlyText: place.holdsOnlyText(name), head: lead + key + ":",
                       indent: indent, endOfLine: (index == 0 ? firstLineEnd ?? [] : []) + (trivia.lineEndOfEntry[keyStart] ?? []))
        }
        if trailing { writeTrivia(trivia.afterMapping[mapping.range.start.offset], indent: indent) }
    }

    /// The items of a block list at `indent` (the column of the `-`).
    private mutating func writeList(_ list: SequenceNode, place: FormatPlace, onlyText: Bool, indent: Int) {
        for (index, item) in list.items.enumerated() {
            let start = item.range.start.offset
            writeTrivia(trivia.beforeItem[start], indent: indent, atStart: index == 0)
            if case .mapping(let mapping) = item, !mapping.entries.isEmpty, !isInline(mapping, place: place, column: indent + 2) {
                writeMapping(mapping, place: place, indent: indent + 2, dash: true, firstLineEnd: trivia.lineEndOfItem[start])
            } else {
                writeValue(item, place: place, onlyText: onlyText, head: String(repeating: " ", count: indent) + "-", indent: indent, endOfLine: trivia.lineEndOfItem[start])
            }
        }
        writeTrivia(trivia.afterList[list.range.start.offset], indent: indent)
    }

    /// `head` (`key:` or `-`, nil for a document that is one value) and the value after it:
    /// on the same line when it is a scalar or fits inline, else as a block below.
    private mutating func writeValue(_ node: SyntaxNode, place: FormatPlace, onlyText: Bool, head: String?, indent: Int, endOfLine: [String]?) {
        writeCommentsAbove(endOfLine?.dropFirst().map { $0 }, indent: head?.prefix(while: { $0 == " " }).count ?? indent)
        let comment = endOfLine?.first ?? ""
        let lead = head.map { $0 + " " } ?? ""
        let column = lead.count
        switch node {
        case .scalar(let scalar) where scalar.style == .block:
            writeBlockScalar(scalar, head: lead, comment: comment, indent: indent + 2)
        case .scalar(let scalar):
            let text = ScalarSpelling.yaml(scalar, onlyText: onlyText, inFlow: false)
            lines.append(text.isEmpty ? (head ?? "") + comment : lead + text + comment)
        case .sequence(let list):
            if let inline = inlineList(list, onlyText: onlyText, column: column) {
                lines.append(lead + inline + comment)
            } else {
                lines.append((head ?? "") + comment)
                writeList(list, place: place, onlyText: onlyText, indent: head == nil ? indent : indent + 2)
            }
        case .mapping(let mapping):
            if mapping.entries.isEmpty {
                lines.append(lead + "{}" + comment)
            } else if isInline(mapping, place: place, column: column), let inline = inlineMapping(mapping, place: place) {
                lines.append(lead + inline + comment)
            } else {
                lines.append((head ?? "") + comment)
                writeMapping(mapping, place: place, indent: head == nil ? indent : indent + 2)
            }
        }
    }

    /// `[a, b]` when every item is a one-line scalar without comments and the line fits.
    private func inlineList(_ list: SequenceNode, onlyText: Bool, column: Int) -> String? {
        var parts: [String] = []
        for item in list.items {
            guard let scalar = item.scalar, scalar.style != .block, !hasTrivia(item: item.range.start.offset) else { return nil }
            parts.append(ScalarSpelling.yaml(scalar, onlyText: onlyText, inFlow: true))
        }
        guard trivia.afterList[list.range.start.offset] == nil else { return nil }
        let text = "[" + parts.joined(separator: ", ") + "]"
        return list.items.isEmpty || column + text.count <= ScalarSpelling.width ? text : nil
    }

    private func isInline(_ mapping: MappingNode, place: FormatPlace, column: Int) -> Bool {
        guard place.prefersFlowMapping, let text = inlineMapping(mapping, place: place) else { return false }
        return column + text.count <= ScalarSpelling.width
    }

    /// `{A: 80, B: 50}` when every value is a one-line scalar and nothing carries a comment.
    private func inlineMapping(_ mapping: MappingNode, place: FormatPlace) -> String? {
        var parts: [String] = []
        for entry in place.ordered(mapping.entries) {
            let keyStart = entry.key.range.start.offset
            guard let key = entry.key.scalar, let value = entry.value.scalar, value.style != .block,
                  trivia.beforeEntry[keyStart] == nil, trivia.lineEndOfEntry[keyStart] == nil else { return nil }
            let spelled = ScalarSpelling.yaml(value, onlyText: place.holdsOnlyText(key.text), inFlow: true)
            parts.append(Self.keyText(key) + ":" + (spelled.isEmpty ? "" : " " + spelled))
        }
        guard trivia.afterMapping[mapping.range.start.offset] == nil else { return nil }
        return "{" + parts.joined(separator: ", ") + "}"
    }

    private func hasTrivia(item offset: Int) -> Bool {
        trivia.beforeItem[offset] != nil || trivia.lineEndOfItem[offset] != nil
    }

    /// A `|` or `>` scalar: its header line as written, its lines moved to `indent`.
    private mutating func writeBlockScalar(_ scalar: ScalarNode, head: String, comment: String, indent: Int) {
        let first = scalar.range.start.line
        let last = scalar.range.end.line
        let header = String(decoding: source.line(first).utf8.dropFirst(scalar.range.start.column), as: UTF8.self)
        lines.append(head + header + comment)
        guard last > first else { return }
        let body = (first + 1...last).map { String(source.line($0)) }
        // An explicit indentation indicator (`|2`) fixes the indentation: the lines stay as written.
        let keepsIndentation = header.contains(where: \.isNumber)
        let margin = body.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
        for line in body {
            if line.allSatisfy(\.isWhitespace) {
                lines.append("")
            } else {
                lines.append(keepsIndentation ? line : String(repeating: " ", count: indent) + line.dropFirst(margin))
            }
        }
    }

    /// Comment and blank lines at `indent`; a blank line never opens a block or the file.
    private mutating func writeTrivia(_ trivia: [TriviaLine]?, indent: Int, atStart: Bool = false) {
        guard let trivia else { return }
        for (index, line) in trivia.enumerated() {
            switch line {
            case .blank:
                if !(atStart && index == 0), lines.last != "" { lines.append("") }
            case .comment(let text):
                lines.append(String(repeating: " ", count: indent) + "#" + text)
            }
        }
    }

    /// End-of-line comments that no longer have a line of their own (a second comment of a
    /// list that was written over several lines), kept above the element.
    private mutating func writeCommentsAbove(_ comments: [String]?, indent: Int) {
        for comment in comments ?? [] { lines.append(String(repeating: " ", count: indent) + comment.drop { $0 == " " }) }
    }

    /// A key as written, unquoted when it was quoted without need.
    static func keyText(_ key: ScalarNode) -> String {
        key.style == .plain ? key.text : (ScalarSpelling.readsAsNonText(key.text) ? key.text.jsonQuoted : ICPFileText.yamlText(key.text))
    }
}
