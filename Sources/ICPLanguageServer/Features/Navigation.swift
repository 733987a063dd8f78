import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPFeatures
import ICPWorkspace
import ICPDataset

struct Location: Codable, Sendable, Equatable {
    var uri: String
    var range: LSPRange
}

struct ReferenceParams: Codable, Sendable {
    struct Context: Codable, Sendable {
        var includeDeclaration: Bool?
    }

    var textDocument: TextDocumentIdentifier
    var position: LSPPosition
    var context: Context?
}

struct FoldingRange: Codable, Sendable, Equatable {
    var startLine: Int
    var endLine: Int
    var kind: String?
}

struct WorkspaceSymbolParams: Codable, Sendable {
    var query: String?
}

struct SymbolInformation: Codable, Sendable {
    var name: String
    var kind: Int
    var location: Location
    var containerName: String?
}

/// Going through a workspace's ICPs: go to definition, references, folding, workspace symbols
/// (language-server.md). Files not open are read from the workspace's index (as they were when
/// the workspace was looked up), never from disk on the actor.
extension LanguageServer {
    /// The column named at a position: a `field:` value of an ICP parameter, or a column under
    /// the workspace file's `fields:`.
    private func column(at position: LSPPosition, in document: OpenDocument) -> String? {
        let offset = encoding.offset(position, in: document.source)
        switch document.kind {
        case .icp:
            guard let location = document.document.tree.location(at: offset), !location.isKey,
                  location.keys.last == ParameterKey.field.rawValue, location.keys.first == ICPKey.parameters.rawValue else { return nil }
            return location.node.scalar?.text
        case .workspace:
            let config = WorkspaceDocument(text: document.text).config
            return config.fieldRanges.first { $0.value.start.offset <= offset && offset <= $0.value.end.offset }?.key
        }
    }

    /// Where each parameter of the workspace names `column`, in every ICP file, open or not.
    private func uses(of column: String, near url: URL) -> [Location] {
        session.documents(sharingWorkspaceWith: url).flatMap { file, document in
            (document.icp?.parameters ?? []).compactMap { parameter -> Location? in
                guard let field = parameter.field, field.value == column else { return nil }
                return Location(uri: file.absoluteString, range: encoding.range(field.range, in: document.source))
            }
        }
    }

    /// The URI a file is open under, else its file URI.
    func uri(of file: URL) -> String {
        documents.values.first { $0.url == file }?.uri ?? file.absoluteString
    }

    /// The value of an ICP parameter's condition at a position, with the parameter's column.
    private func conditionValue(at position: LSPPosition, in document: OpenDocument) -> (column: String, value: String)? {
        guard document.kind == .icp, let icp = document.document.icp else { return nil }
        let offset = encoding.offset(position, in: document.source)
        for parameter in icp.parameters {
            guard let field = parameter.field, let condition = parameter.condition?.value else { continue }
            if let value = condition.values.first(where: { $0.range.start.offset <= offset && offset <= $0.range.end.offset }) {
                return (field.value, value.text)
            }
        }
        return nil
    }

    /// Where the parameters of the workspace on `column` name `value` (compared as the engine
    /// compares text: without case or surrounding spaces).
    private func uses(of value: String, in column: String, near url: URL) -> [Location] {
        let wanted = TextNormalization.normalize(value)
        return session.documents(sharingWorkspaceWith: url).flatMap { file, document in
            (document.icp?.parameters ?? []).filter { $0.field?.value == column }.flatMap { parameter in
                (parameter.condition?.value.values ?? []).filter { TextNormalization.normalize($0.text) == wanted }.map { found in
                    Location(uri: uri(of: file), range: encoding.range(found.range, in: document.source))
                }
            }
        }
    }

    /// `textDocument/references`: on a condition value, every parameter of the workspace on the
    /// same column that names it; on a column (a `field:` value, or a column under `fields:`),
    /// every parameter of the workspace that uses it, and its declaration under `fields:` when asked.
    func references(_ params: ReferenceParams) throws -> [Location] {
        let document = try openDocument(params.textDocument.uri)
        try requireFreshFiles(around: document.url)
        if let (column, value) = conditionValue(at: params.position, in: document) { return uses(of: value, in: column, near: document.url) }
        guard let column = column(at: params.position, in: document) else { return [] }
        var found = uses(of: column, near: document.url)
        if params.context?.includeDeclaration ?? true, let declaration = declaration(of: column, near: document.url) { found.insert(declaration, at: 0) }
        return found
    }

    /// `textDocument/definition`: on a column, its declaration under `fields:`, else its header
    /// cell in the data file; on a dataset path of the workspace file, that file.
    func definition(_ params: TextDocumentPositionParams) throws -> Location? {
        let document = try openDocument(params.textDocument.uri)
        if document.kind == .workspace {
            let offset = encoding.offset(params.position, in: document.source)
            let config = WorkspaceDocument(text: document.text).config
            for path in [config.accounts, config.contacts].compactMap({ $0 }) where path.range.start.offset <= offset && offset <= path.range.end.offset {
                let file = URL(fileURLWithPath: path.value, relativeTo: document.url.deletingLastPathComponent()).standardizedFileURL
                return Location(uri: file.absoluteString, range: LSPRange(start: LSPPosition(line: 0, character: 0), end: LSPPosition(line: 0, character: 0)))
            }
        }
        guard let column = column(at: params.position, in: document) else { return nil }
        try requireFreshFiles(around: document.url)
        if let declaration = declaration(of: column, near: document.url) { return declaration }
        // The header cell, counted in the client's position unit (JSON Lines: the first line).
        guard let header = snapshot(of: document).headerCell(of: column) else { return nil }
        let start = encoding.length(of: header.before), width = encoding.length(of: header.cell)
        return Location(uri: header.file.absoluteString, range: LSPRange(start: LSPPosition(line: 0, character: start), end: LSPPosition(line: 0, character: start + width)))
    }

    /// The column's entry under the workspace file's `fields:`, when it has one.
    private func declaration(of column: String, near url: URL) -> Location? {
        let workspace = session.workspace(for: url)
        guard let file = workspace.file, let document = workspace.document, let range = document.config.fieldRanges[column] else { return nil }
        return Location(uri: uri(of: file.standardizedFileURL), range: encoding.range(range, in: document.source))
    }

    /// `textDocument/foldingRange`: the parameter list, each parameter, each persona.
    func foldingRanges(_ params: DocumentParams) throws -> [FoldingRange] {
        let document = try openDocument(params.textDocument.uri)
        guard document.kind == .icp, let icp = document.document.icp else { return [] }
        func fold(_ range: SourceRange?) -> FoldingRange? {
            guard let range else { return nil }
            // A range ending at the start of a line ends on the line before.
            let end = range.end.column == 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line
            return end > range.start.line ? FoldingRange(startLine: range.start.line, endLine: end, kind: "region") : nil
        }
        var ranges: [FoldingRange?] = []
        if let key = icp.parametersKeyRange, let last = icp.parameters.last { ranges.append(fold(key.union(last.range))) }
        ranges += icp.parameters.map { fold($0.range) }
        ranges += icp.personas.map { fold($0.range) }
        return ranges.compactMap { $0 }
    }

    /// `workspace/symbol`: every ICP and persona of the workspaces looked up so far, by code and
    /// name (the query matched case-insensitively), with status.
    func workspaceSymbols(_ params: WorkspaceSymbolParams) throws -> [SymbolInformation] {
        let query = (params.query ?? "").lowercased()
        var symbols: [SymbolInformation] = []
        for (file, document) in session.allDocuments() {
            guard let icp = document.icp, let code = icp.code else { continue }
            let fileURI = uri(of: file)
            let name = "\(code.value) · \(icp.displayName) (\(icp.status.rawValue))"
            if query.isEmpty || name.lowercased().contains(query) {
                symbols.append(SymbolInformation(name: name, kind: DocumentSymbol.Kind.module, location: Location(uri: fileURI, range: encoding.range(code.range, in: document.source)), containerName: nil))
            }
            for persona in icp.personas {
                guard let personaCode = persona.code else { continue }
                let personaName = "\(personaCode.value) · \(persona.name ?? personaCode.value)"
                if query.isEmpty || personaName.lowercased().contains(query) || code.value.lowercased().contains(query) {
                    symbols.append(SymbolInformation(name: personaName, kind: DocumentSymbol.Kind.object,
                                                     location: Location(uri: fileURI, range: encoding.range(personaCode.range, in: document.source)), containerName: code.value))
                }
            }
        }
        return symbols
    }
}
