/// The requests the server answers once initialized: for each method, the type its params
/// decode to and the type its handler returns, encoded in one place.
extension LanguageServer {
    /// What a request about a document (`textDocument.uri` in its params) waits for before its
    /// handler runs: the dispatcher parks it meanwhile and answers it, as if it had just come,
    /// when what it needs is in (or, past ``dataWaitLimit``, with what there is).
    struct Needs: OptionSet, Sendable {
        let rawValue: Int
        /// The document's workspace looked up and its current text analyzed (its findings and
        /// evaluation are those of this version).
        static let analysis = Needs(rawValue: 1)
        /// The data it runs on read (a read under way is waited for; one never asked for is not).
        static let data = Needs(rawValue: 2)
    }

    struct Route: Sendable {
        let needs: Needs
        let answer: @Sendable (isolated LanguageServer, JSONValue) throws -> JSONValue

        static func typed<Params: Decodable & Sendable, Result: Encodable & Sendable>(
            _ needs: Needs = [], _ handler: @escaping @Sendable (isolated LanguageServer, Params) throws -> Result
        ) -> Route {
            Route(needs: needs) { server, params in try JSONValue(encoding: handler(server, params.decode(Params.self))) }
        }
    }

    /// Whether `route`'s request about the document in `params` must wait: its needs not met yet.
    func mustPark(_ route: Route, _ params: JSONValue) -> Bool {
        guard !route.needs.isEmpty, !answeringWithoutWaiting, let uri = params["textDocument"]?["uri"]?.stringValue,
              let document = documents[uri] else { return false }
        if document.awaitingWorkspace || analyses[uri] != nil { return true }
        return route.needs.contains(.data) && document.current == nil && document.waitingFor.contains { loads[$0] != nil }
    }

    static let routes: [String: Route] = [
        "textDocument/hover": .typed(.analysis) { (server, params: TextDocumentPositionParams) in try server.hover(params) },
        "textDocument/completion": .typed(.analysis) { (server, params: TextDocumentPositionParams) in try server.completion(params) },
        "textDocument/inlayHint": .typed([.analysis, .data]) { (server, params: RangeParams) in try server.inlayHints(params) },
        "textDocument/codeLens": .typed([.analysis, .data]) { (server, params: DocumentParams) in try server.codeLenses(params) },
        "textDocument/codeAction": .typed(.analysis) { (server, params: CodeActionParams) in try server.codeActions(params) },
        "textDocument/documentSymbol": .typed(.analysis) { (server, params: DocumentParams) in try server.documentSymbols(params) },
        "icp/preview": .typed([.analysis, .data]) { (server, params: DocumentParams) in try server.preview(params) },
        "workspace/executeCommand": .typed { (server, params: JSONValue) in try server.executeCommand(params) },
        "textDocument/definition": .typed([.analysis, .data]) { (server, params: TextDocumentPositionParams) in try server.definition(params) },
        "textDocument/references": .typed(.analysis) { (server, params: ReferenceParams) in try server.references(params) },
        "textDocument/foldingRange": .typed { (server, params: DocumentParams) in try server.foldingRanges(params) },
        "workspace/symbol": .typed { (server, params: WorkspaceSymbolParams) in try server.workspaceSymbols(params) },
        "textDocument/prepareRename": .typed(.analysis) { (server, params: TextDocumentPositionParams) in try server.prepareRename(params) },
        "textDocument/rename": .typed(.analysis) { (server, params: RenameParams) in try server.rename(params) },
        "textDocument/formatting": .typed { (server, params: FormattingParams) in try server.formatting(params) },
        "textDocument/rangeFormatting": .typed { (server, params: FormattingParams) in try server.formatting(params) },
        "textDocument/selectionRange": .typed { (server, params: SelectionRangeParams) in try server.selectionRanges(params) },
        "textDocument/documentLink": .typed(.analysis) { (server, params: DocumentParams) in try server.documentLinks(params) },
        "textDocument/diagnostic": .typed([.analysis, .data]) { (server, params: DocumentDiagnosticParams) in try server.documentDiagnostics(params) },
        "workspace/diagnostic": .typed { (server, params: WorkspaceDiagnosticParams) in try server.workspaceDiagnostics(params) },
        "textDocument/semanticTokens/full": .typed(.analysis) { (server, params: SemanticTokensParams) in try server.semanticTokens(params) },
        "textDocument/semanticTokens/full/delta": .typed(.analysis) { (server, params: SemanticTokensParams) in try server.semanticTokensDelta(params) },
    ]
}
