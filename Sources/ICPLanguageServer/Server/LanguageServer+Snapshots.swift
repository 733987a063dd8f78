import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPFeatures

/// The feature layer's view of an open document: an immutable snapshot of what the server
/// holds for it, which a feature reads without the actor.
extension LanguageServer {
    func snapshot(of document: OpenDocument) -> FileSnapshot {
        FileSnapshot(url: document.url, version: document.version, document: document.document, diagnostics: document.diagnostics,
                     current: document.current, lastGood: document.lastGood, data: document.data, loadingNote: loadingNote(for: document),
                     base: bases[document.url] ?? nil)
    }

    /// A feature's edits as one workspace edit: the edited document's own edits versioned where
    /// the client takes it, other files' by URI.
    func workspaceEdit(_ edits: [FeatureEdit], in document: OpenDocument) -> WorkspaceEdit {
        let own = edits.filter { $0.file == document.url }.map { textEdit($0) }
        let others = edits.filter { $0.file != document.url }
        guard others.isEmpty else {
            var changes: [String: [TextEdit]] = [:]
            for edit in edits { changes[edit.file == document.url ? document.uri : uri(of: edit.file), default: []].append(textEdit(edit)) }
            return WorkspaceEdit(changes: changes)
        }
        return workspaceEdit(own, in: document)
    }

    func textEdit(_ edit: FeatureEdit) -> TextEdit {
        TextEdit(range: encoding.range(edit.range, in: edit.source), newText: edit.text)
    }

    /// `edits` of `document` as a workspace edit, versioned where the client takes it.
    func workspaceEdit(_ edits: [TextEdit], in document: OpenDocument) -> WorkspaceEdit {
        guard client.documentChanges else { return WorkspaceEdit(changes: [document.uri: edits]) }
        return WorkspaceEdit(documentChanges: [TextDocumentEdit(textDocument: .init(uri: document.uri, version: document.version), edits: edits)])
    }

    /// A core text change as an LSP edit of `source`.
    func textEdit(_ change: TextChange, in source: SourceText) -> TextEdit {
        TextEdit(range: encoding.range(source.range(from: change.start, to: change.end), in: source), newText: change.text)
    }
}
