/// Which kind of file a text is; the order of its keys depends on it.
public enum FormattedFile: Sendable {
    case icp, workspace

    /// `icp.workspace.yaml` is a workspace file; anything else is read as an ICP file.
    public init(fileName: String) {
        self = fileName == WorkspaceKey.fileName ? .workspace : .icp
    }

    fileprivate var rootPlace: FormatPlace {
        self == .icp ? .icpRoot : .workspaceRoot
    }
}

/// What formatting a text gives.
public enum FormatResult: Sendable, Equatable {
    /// The text in the canonical layout (the same text when it already was).
    case formatted(String)
    /// The text is not valid YAML or JSON: the formatter never guesses, the text stays as it is.
    case syntaxError(SyntaxError)
    /// The layout could not be written without changing what the file says or dropping a
    /// comment (a case the layout does not handle); the text stays as it is.
    case refused(String)
}

/// `icp fmt` and the editor's formatting: writes an ICP or workspace file in one canonical
/// layout (Documentation/format.md, Layout) without changing what it says.
///
/// Every result is read back before it is returned: the same tree (keys, values, lists,
/// nulls; quotes and layout aside) and the same comments, or the text is left unchanged.
public enum ICPFormatter {
    public static func format(_ text: String, format: SourceFormat, file: FormattedFile) -> FormatResult {
        let tree = SyntaxTree.parse(text, format: format)
        if let error = tree.errors.first { return .syntaxError(error) }
        let lineBreak = lineBreak(of: tree.source)
        let body: String
        switch format {
        case .json:
            body = tree.root.map { JSONLayout.text($0, place: file.rootPlace, indent: 0, column: 0, lineBreak: lineBreak) + lineBreak } ?? ""
        case .yaml:
            var layout = YAMLLayout(source: tree.source, trivia: YAMLTrivia(tree: tree))
            layout.writeDocument(tree.root, place: file.rootPlace)
            body = layout.lines.isEmpty ? "" : layout.lines.joined(separator: lineBreak) + lineBreak
        }
        return checked(body, against: tree, format: format, file: file)
    }

    /// Formats only the parameters (of the ICP and of its personas) that the bytes
    /// `start...end` touch, leaving every other line as it is.
    public static func formatParameters(_ text: String, format: SourceFormat, file: FormattedFile, from start: Int, to end: Int) -> FormatResult {
        let tree = SyntaxTree.parse(text, format: format)
        if let error = tree.errors.first { return .syntaxError(error) }
        let lists = parameterLists(of: tree.root)
        if format == .yaml, lists.contains(where: \.isFlow) {
            // Parameters written inline cannot be laid out one by one: the whole file is.
            return self.format(text, format: format, file: file)
        }
        let source = tree.source
        let lineBreak = lineBreak(of: source)
        let trivia = format == .yaml ? YAMLTrivia(tree: tree) : YAMLTrivia()
        var changes: [TextChange] = []
        for item in lists.flatMap(\.items) where item.range.start.offset <= end && start <= item.range.end.offset {
            guard case .mapping(let mapping) = item else { continue }
            let column = item.range.start.column
            let replacement: String
            let replacedEnd: Int
            switch format {
            case .json:
                replacement = JSONLayout.text(item, place: .parameter, indent: column, column: column, lineBreak: lineBreak)
                replacedEnd = item.range.end.offset
            case .yaml:
                var layout = YAMLLayout(source: source, trivia: trivia)
                layout.writeMapping(mapping, place: .parameter, indent: column, trailing: false)
                replacement = String(layout.lines.joined(separator: lineBreak).dropFirst(column))
                // The line's end, so that a comment after the last value is replaced with it.
                replacedEnd = source.lineEnd(item.range.end.line)
            }
            changes.append(TextChange(start: item.range.start.offset, end: replacedEnd, text: replacement))
        }
        let body = TextChange.apply(changes, to: source.text)
        return checked(body, against: tree, format: format, file: file)
    }

    /// `body` (without a byte order mark) as the result, if it reads back as the same document.
    private static func checked(_ body: String, against tree: SyntaxTree, format: SourceFormat, file: FormattedFile) -> FormatResult {
        let result = SyntaxTree.parse(body, format: format)
        guard result.errors.isEmpty else {
            return .refused("the formatted text would not read back (\(result.errors[0].message)); the file is left as it is")
        }
        guard signature(of: result.root, place: file.rootPlace) == signature(of: tree.root, place: file.rootPlace) else {
            return .refused("the layout would change what the file says; the file is left as it is")
        }
        if format == .yaml, YAMLTrivia(tree: result).comments.sorted() != YAMLTrivia(tree: tree).comments.sorted() {
            return .refused("a comment could not be kept in its place; the file is left as it is")
        }
        return .formatted((tree.source.hadByteOrderMark ? "\u{FEFF}" : "") + body)
    }

    /// The lists of parameters: the ICP's and each persona's.
    private static func parameterLists(of root: SyntaxNode?) -> [SequenceNode] {
        func list(_ mapping: MappingNode?, _ key: String) -> [SyntaxNode] {
            mapping?.entries.filter { $0.key.scalar?.text == key }.map(\.value) ?? []
        }
        let top = root?.mapping
        let personas = list(top, ICPKey.personas.rawValue).compactMap(\.sequence).flatMap(\.items).compactMap(\.mapping)
        return (list(top, ICPKey.parameters.rawValue) + personas.flatMap { list($0, PersonaKey.parameters.rawValue) }).compactMap(\.sequence)
    }

    /// The line break the text uses (its first), `\n` for a text of one line.
    private static func lineBreak(of source: SourceText) -> String {
        guard source.lineCount > 1 else { return "\n" }
        let end = source.lineEnd(0)
        return source.lineStarts[1] - end == 2 ? "\r\n" : (source.bytes[end] == UInt8(ascii: "\r") ? "\r" : "\n")
    }

    /// What a document says, with the layout's key order and without quotes or layout: two
    /// texts with the same signature mean the same to every reader of ICP files.
    static func signature(of node: SyntaxNode?, place: FormatPlace) -> String {
        var out = ""
        func add(_ node: SyntaxNode, _ place: FormatPlace) {
            switch node {
            case .scalar(let scalar):
                out += scalar.isNull ? "~" : "s\(scalar.text.utf8.count):\(scalar.text)"
            case .sequence(let list):
                out += "["
                for item in list.items { add(item, place) }
                out += "]"
            case .mapping(let mapping):
                out += "{"
                for entry in place.ordered(mapping.entries) {
                    add(entry.key, .other)
                    add(entry.value, place.child(entry.key.scalar?.text ?? ""))
                }
                out += "}"
            }
        }
        if let node { add(node, place) }
        return out
    }
}
