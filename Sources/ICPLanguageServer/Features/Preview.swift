import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

/// `icp/preview` (language-server.md): the `icp preview --format json` object (``PreviewListing``) of the
/// document's current text, with `stale: true` when the text has an error and the figures are those of
/// its last version without one.
extension LanguageServer {
    func preview(_ params: DocumentParams) throws -> JSONValue {
        let document = try openDocument(params.textDocument.uri)
        guard document.kind == .icp else { throw ResponseError(.invalidParams, "\(params.textDocument.uri) is not an ICP file") }
        // `last_modified` comes from git, looked up in the background when the file opened.
        if baseLookups[document.url] != nil, !answeringWithoutWaiting { throw WaitingForData() }
        guard let shown = document.shown else {
            if let loading = loadingNote(for: document) { throw ResponseError(.requestFailed, "no preview yet: \(loading)") }
            let reason = document.diagnostics.first { $0.severity == .error }?.message ?? "the document has no evaluation yet"
            throw ResponseError(.requestFailed, "no preview: \(reason)")
        }
        var preview = ICPPreview(icp: shown.evaluated.icp, evaluation: shown.evaluated.evaluation)
        preview.overlap = shown.evaluated.overlap
        return try JSONValue(encoding: PreviewListing(preview: preview, change: lastChanges[document.url] ?? nil, stale: shown.stale))
    }

    /// `workspace/executeCommand` for the code lens: `icp.preview` with the document's URI answers its preview.
    func executeCommand(_ params: JSONValue) throws -> JSONValue {
        let arguments = params["arguments"]?.arrayValue ?? []
        switch params["command"]?.stringValue {
        case Self.previewCommand?:
            guard let uri = arguments.first?.stringValue else { throw ResponseError(.invalidParams, "`\(Self.previewCommand)` takes a document URI") }
            // As `icp/preview` declares: the analysis of the current text, and its data.
            try waitForData(of: try document(uri))
            return try preview(DocumentParams(textDocument: TextDocumentIdentifier(uri: uri)))
        case Self.draftCommand?:
            return try draft(arguments)
        case Self.refineCommand?:
            return try refine(arguments)
        case Self.explainCommand?:
            return try explainAccount(arguments)
        case Self.accountsCommand?:
            return try listAccounts(arguments)
        default:
            throw ResponseError(.invalidParams, "unknown command; the icp server runs \(Self.commands.map { "`\($0)`" }.joined(separator: ", "))")
        }
    }
}
