import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace
import ICPFeatures

struct RenameParams: Codable, Sendable {
    var textDocument: TextDocumentIdentifier
    var position: LSPPosition
    var newName: String
}

struct PrepareRenameResult: Codable, Sendable {
    var range: LSPRange
    var placeholder: String
}

/// `textDocument/prepareRename` and `textDocument/rename`: a column, across every ICP file of
/// the workspace (open or not) and the workspace file (`fields`, `keys`, `outcome`), as one
/// edit; an ICP code; a persona code.
extension LanguageServer {
    /// What can be renamed at a position, and where its name is written there.
    private enum Renamable {
        case column(String)
        case code(Located<String>)
    }

    private func renamable(at position: LSPPosition, in document: OpenDocument) -> (Renamable, SourceRange)? {
        let offset = encoding.offset(position, in: document.source)
        switch document.kind {
        case .icp:
            guard let location = document.document.tree.location(at: offset), !location.isKey, let scalar = location.node.scalar else { return nil }
            let keys = location.keys
            if keys == [ICPKey.icp.rawValue] || keys == [ICPKey.personas.rawValue, PersonaKey.persona.rawValue] {
                return (.code(Located(scalar.text, scalar.range)), scalar.range)
            }
            if keys.first == ICPKey.parameters.rawValue, keys.last == ParameterKey.field.rawValue { return (.column(scalar.text), scalar.range) }
            return nil
        case .workspace:
            let config = WorkspaceDocument(text: document.text).config
            let inside = { (range: SourceRange) in range.start.offset <= offset && offset <= range.end.offset }
            if let (name, range) = config.fieldRanges.first(where: { inside($0.value) }) { return (.column(name), range) }
            if let reference = config.columnReferences.first(where: { inside($0.column.range) && $0.table == .accounts }) {
                return (.column(reference.column.value), reference.column.range)
            }
            return nil
        }
    }

    func prepareRename(_ params: TextDocumentPositionParams) throws -> PrepareRenameResult? {
        let document = try openDocument(params.textDocument.uri)
        guard let (target, range) = renamable(at: params.position, in: document) else { return nil }
        let placeholder = switch target {
        case .column(let name): name
        case .code(let code): code.value
        }
        return PrepareRenameResult(range: encoding.range(range, in: document.source), placeholder: placeholder)
    }

    func rename(_ params: RenameParams) throws -> WorkspaceEdit? {
        let document = try openDocument(params.textDocument.uri)
        guard let (target, _) = renamable(at: params.position, in: document) else {
            throw ResponseError(.requestFailed, "nothing to rename here: place the cursor on a column (`field:`), an ICP code or a persona code")
        }
        let name = String(params.newName.trimmingWhitespace())
        guard !name.isEmpty, !name.contains(where: \.isNewline), name.utf8.count <= 1_000 else {
            throw ResponseError(.invalidParams, "the new name must be one line of text")
        }
        switch target {
        case .code(let code):
            guard ICP.isValidCode(name) else {
                throw ResponseError(.invalidParams, "`\(name)` is not a valid code: lowercase letters, digits, - and _, starting with a letter or digit")
            }
            let json = SourceFormat(fileName: document.url.lastPathComponent) == .json
            return WorkspaceEdit(changes: [document.uri: [TextEdit(range: encoding.range(code.range, in: document.source), newText: json ? name.jsonQuoted : ICPFileText.yamlText(name))]])
        case .column(let column):
            try requireFreshFiles(around: document.url)
            return WorkspaceEdit(changes: changes(columnRenamingEdits(column, to: name, near: document.url)))
        }
    }

    /// The edits that rename `column` to `name` in every ICP file of the workspace of `url`
    /// (open or not) and in its workspace file.
    func columnRenamingEdits(_ column: String, to name: String, near url: URL) -> [FeatureEdit] {
        var edits: [FeatureEdit] = []
        func replace(_ range: SourceRange, in source: SourceText, file: URL, json: Bool) {
            let edit = FeatureEdit(file: file, source: source, range: range, text: json ? name.jsonQuoted : ICPFileText.yamlText(name))
            // A YAML alias (`field: *f`) is the anchored scalar itself: one edit renames both.
            if !edits.contains(edit) { edits.append(edit) }
        }
        for (file, other) in session.documents(sharingWorkspaceWith: url) {
            let json = SourceFormat(fileName: file.lastPathComponent) == .json
            for field in (other.icp?.parameters ?? []).compactMap(\.field) where field.value == column {
                replace(field.range, in: other.source, file: file, json: json)
            }
        }
        let workspace = session.workspace(for: url)
        if let file = workspace.file, let settings = workspace.document {
            let config = settings.config
            if let range = config.fieldRanges[column] { replace(range, in: settings.source, file: file, json: false) }
            for reference in config.columnReferences where reference.table == .accounts && reference.column.value == column {
                replace(reference.column.range, in: settings.source, file: file, json: false)
            }
        }
        return edits
    }

    /// Edits as a workspace edit's changes, by document URI.
    func changes(_ edits: [FeatureEdit]) -> [String: [TextEdit]] {
        Dictionary(grouping: edits, by: { uri(of: $0.file) }).mapValues { $0.map(textEdit) }
    }
}
