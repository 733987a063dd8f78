/// The requests the server answers once initialized: for each method, the type its params
/// decode to and the type its handler returns, encoded in one place.
extension LanguageServer {
    struct Route: Sendable {
        let answer: @Sendable (isolated LanguageServer, JSONValue) throws -> JSONValue

        static func typed<Params: Decodable & Sendable, Result: Encodable & Sendable>(
            _ handler: @escaping @Sendable (isolated LanguageServer, Params) throws -> Result
        ) -> Route {
            Route { server, params in try JSONValue(encoding: handler(server, params.decode(Params.self))) }
        }
    }

    static let routes: [String: Route] = [
        "textDocument/hover": .typed { (server, params: TextDocumentPositionParams) in try server.hover(params) },
        "textDocument/completion": .typed { (server, params: TextDocumentPositionParams) in try server.completion(params) },
        "textDocument/inlayHint": .typed { (server, params: RangeParams) in try server.inlayHints(params) },
        "textDocument/codeLens": .typed { (server, params: DocumentParams) in try server.codeLenses(params) },
        "textDocument/codeAction": .typed { (server, params: CodeActionParams) in try server.codeActions(params) },
        "textDocument/documentSymbol": .typed { (server, params: DocumentParams) in try server.documentSymbols(params) },
        "icp/preview": .typed { (server, params: DocumentParams) in try server.preview(params) },
        "workspace/executeCommand": .typed { (server, params: JSONValue) in try server.executeCommand(params) },
        "textDocument/definition": .typed { (server, params: TextDocumentPositionParams) in try server.definition(params) },
        "textDocument/references": .typed { (server, params: ReferenceParams) in try server.references(params) },
        "textDocument/foldingRange": .typed { (server, params: DocumentParams) in try server.foldingRanges(params) },
        "workspace/symbol": .typed { (server, params: WorkspaceSymbolParams) in try server.workspaceSymbols(params) },
        "textDocument/prepareRename": .typed { (server, params: TextDocumentPositionParams) in try server.prepareRename(params) },
        "textDocument/rename": .typed { (server, params: RenameParams) in try server.rename(params) },
        "textDocument/formatting": .typed { (server, params: FormattingParams) in try server.formatting(params) },
        "textDocument/rangeFormatting": .typed { (server, params: FormattingParams) in try server.formatting(params) },
        "textDocument/selectionRange": .typed { (server, params: SelectionRangeParams) in try server.selectionRanges(params) },
        "textDocument/documentLink": .typed { (server, params: DocumentParams) in try server.documentLinks(params) },
        "textDocument/diagnostic": .typed { (server, params: DocumentDiagnosticParams) in try server.documentDiagnostics(params) },
        "workspace/diagnostic": .typed { (server, params: WorkspaceDiagnosticParams) in try server.workspaceDiagnostics(params) },
        "textDocument/semanticTokens/full": .typed { (server, params: SemanticTokensParams) in try server.semanticTokens(params) },
        "textDocument/semanticTokens/full/delta": .typed { (server, params: SemanticTokensParams) in try server.semanticTokensDelta(params) },
    ]
}
