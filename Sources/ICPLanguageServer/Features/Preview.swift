import ICPCore

/// `icp/preview` (language-server.md): the `icp preview --format json` object of the document's current text,
/// with `stale: true` added when the text is broken and the figures are those of its last valid version.
extension LanguageServer {
    func preview(_ params: DocumentParams) throws -> JSONValue {
        let document = try document(params.textDocument.uri)
        guard document.kind == .icp else { throw ResponseError(.invalidParams, "\(params.textDocument.uri) is not an ICP file") }
        try waitForData(of: document)
        guard let shown = document.shown else {
            if let loading = loadingNote(for: document) { throw ResponseError(.requestFailed, "no preview yet: \(loading)") }
            let reason = document.diagnostics.first { $0.severity == .error }?.message ?? "the document has no evaluation yet"
            throw ResponseError(.requestFailed, "no preview: \(reason)")
        }
        var json = try JSONValue(encoding: ICPPreview(icp: shown.evaluated.icp, evaluation: shown.evaluated.evaluation))
        if case .object(var object) = json {
            object["stale"] = .bool(shown.stale)
            json = .object(object)
        }
        return json
    }

    /// `workspace/executeCommand` for the code lens: `icp.preview` with the document's URI answers its preview.
    func executeCommand(_ params: JSONValue) throws -> JSONValue {
        let arguments = params["arguments"]?.arrayValue ?? []
        switch params["command"]?.stringValue {
        case Self.previewCommand?:
            guard let uri = arguments.first?.stringValue else { throw ResponseError(.invalidParams, "`\(Self.previewCommand)` takes a document URI") }
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
