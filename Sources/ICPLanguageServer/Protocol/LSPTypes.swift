import ICPLanguage

/// The LSP 3.17 structures this server reads and writes, by their protocol names.
struct LSPPosition: Codable, Sendable, Hashable {
    var line: Int
    var character: Int
}

struct SemanticTokensLegend: Encodable, Sendable {
    var tokenTypes: [String]
    var tokenModifiers: [String]
}

struct LSPRange: Codable, Sendable, Hashable {
    var start: LSPPosition
    var end: LSPPosition
}

struct TextDocumentIdentifier: Codable, Sendable {
    var uri: String
}

struct VersionedTextDocumentIdentifier: Codable, Sendable {
    var uri: String
    var version: Int?
}

struct TextDocumentItem: Codable, Sendable {
    var uri: String
    var languageId: String?
    var version: Int
    var text: String
}

struct TextDocumentPositionParams: Codable, Sendable {
    var textDocument: TextDocumentIdentifier
    var position: LSPPosition
}

struct DocumentParams: Codable, Sendable {
    var textDocument: TextDocumentIdentifier
}

struct RangeParams: Codable, Sendable {
    var textDocument: TextDocumentIdentifier
    /// Required by LSP for inlay hints; a client that leaves it out gets the whole document's.
    var range: LSPRange?
}

struct DidOpenTextDocumentParams: Codable, Sendable {
    var textDocument: TextDocumentItem
}

struct TextDocumentContentChangeEvent: Codable, Sendable {
    var range: LSPRange?
    var text: String
}

struct DidChangeTextDocumentParams: Codable, Sendable {
    var textDocument: VersionedTextDocumentIdentifier
    var contentChanges: [TextDocumentContentChangeEvent]
}

struct CancelParams: Codable, Sendable {
    var id: RequestID
}

struct FileEvent: Codable, Sendable {
    var uri: String
    var type: Int
}

struct DidChangeWatchedFilesParams: Codable, Sendable {
    var changes: [FileEvent]
}

struct LSPDiagnostic: Codable, Sendable, Equatable {
    var range: LSPRange
    var severity: Int
    var code: String
    var source = "icp"
    var message: String
    /// The replacement text of a did-you-mean, for quick fixes.
    var data: JSONValue?
}

struct PublishDiagnosticsParams: Codable, Sendable {
    var uri: String
    var version: Int?
    var diagnostics: [LSPDiagnostic]
}

struct MarkupContent: Codable, Sendable {
    var kind = "markdown"
    var value: String
}

struct Hover: Codable, Sendable {
    var contents: MarkupContent
    var range: LSPRange?
}

struct TextEdit: Codable, Sendable, Hashable {
    var range: LSPRange
    var newText: String
}

struct CompletionItemLabelDetails: Codable, Sendable {
    var detail: String?
    var description: String?
}

struct CompletionItem: Codable, Sendable {
    var label: String
    var kind: Int?
    var detail: String?
    var labelDetails: CompletionItemLabelDetails?
    var documentation: MarkupContent?
    var sortText: String?
    var filterText: String?
    var textEdit: TextEdit?
    var insertTextFormat: InsertTextFormat?

    /// CompletionItemKind values used here.
    enum Kind {
        static let value = 12, keyword = 14, snippet = 15, field = 5, property = 10, enumMember = 20
    }
}

struct CompletionList: Codable, Sendable {
    var isIncomplete = false
    var items: [CompletionItem]
}

struct InlayHint: Codable, Sendable {
    var position: LSPPosition
    var label: String
    var paddingLeft = true
    var tooltip: String?
}

struct Command: Codable, Sendable {
    var title: String
    var command: String
    var arguments: [JSONValue]?
}

struct CodeLens: Codable, Sendable {
    var range: LSPRange
    var command: Command?
}

/// Edits of documents: `documentChanges` (each naming the version it was made for, so a client
/// refuses it once the text has moved on) for clients that take them, else `changes`.
struct WorkspaceEdit: Codable, Sendable {
    var changes: [String: [TextEdit]]?
    var documentChanges: [TextDocumentEdit]?
}

struct TextDocumentEdit: Codable, Sendable {
    struct VersionedIdentifier: Codable, Sendable {
        var uri: String
        var version: Int
    }

    var textDocument: VersionedIdentifier
    var edits: [TextEdit]
}

struct CodeAction: Codable, Sendable {
    var title: String
    var kind: String
    var diagnostics: [LSPDiagnostic]?
    var isPreferred: Bool?
    var edit: WorkspaceEdit
}

/// What a client says about a code-action request. Its `diagnostics` are not read: the server
/// offers fixes for its own findings in the range, so entries a client trimmed (ALE sends no
/// `severity` or `source`), numeric codes, or another server's diagnostics cannot fail the request.
struct CodeActionContext: Codable, Sendable {
    /// The kinds of action wanted (`quickfix`, `refactor`...): an action is offered when its kind is one of them or below one.
    var only: [String]?

    init(only: [String]?) {
        self.only = only
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        only = try? container.decodeIfPresent([String].self, forKey: .only)
    }
}

struct CodeActionParams: Codable, Sendable {
    var textDocument: TextDocumentIdentifier
    var range: LSPRange
    var context: CodeActionContext?

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        textDocument = try container.decode(TextDocumentIdentifier.self, forKey: .textDocument)
        range = try container.decode(LSPRange.self, forKey: .range)
        // Whatever a client puts in the context, the request is answered.
        context = try? container.decodeIfPresent(CodeActionContext.self, forKey: .context)
    }
}

struct DocumentSymbol: Codable, Sendable {
    var name: String
    var detail: String?
    var kind: Int
    var range: LSPRange
    var selectionRange: LSPRange
    var children: [DocumentSymbol]?

    /// SymbolKind values used here.
    enum Kind {
        static let module = 2, field = 8, object = 19, property = 7
    }
}

enum InsertTextFormat: Int, Codable, Sendable {
    case plainText = 1, snippet = 2
}

enum TextDocumentSyncKind: Int, Codable, Sendable {
    case none = 0, full = 1, incremental = 2
}

/// What `initialize` answers: the methods the server takes, and how.
struct InitializeResult: Encodable, Sendable {
    struct ServerInfo: Encodable, Sendable {
        var name: String
        var version: String
    }

    struct ServerCapabilities: Encodable, Sendable {
        struct TextDocumentSync: Encodable, Sendable {
            struct Save: Encodable, Sendable { var includeText: Bool }
            var openClose: Bool
            var change: TextDocumentSyncKind
            var save: Save
        }

        struct CompletionOptions: Encodable, Sendable {
            var triggerCharacters: [String]
            var resolveProvider: Bool
        }

        struct ResolveOptions: Encodable, Sendable { var resolveProvider: Bool }
        struct RenameOptions: Encodable, Sendable { var prepareProvider: Bool }
        struct CodeActionOptions: Encodable, Sendable { var codeActionKinds: [String] }
        struct ExecuteCommandOptions: Encodable, Sendable { var commands: [String] }
        struct DiagnosticOptions: Encodable, Sendable {
            var identifier: String
            var interFileDependencies: Bool
            var workspaceDiagnostics: Bool
        }
        struct SemanticTokensOptions: Encodable, Sendable {
            struct Full: Encodable, Sendable { var delta: Bool }
            var legend: SemanticTokensLegend
            var full: Full
        }

        var positionEncoding: String
        var textDocumentSync: TextDocumentSync
        var hoverProvider = true
        var completionProvider: CompletionOptions
        var inlayHintProvider = true
        var codeLensProvider = ResolveOptions(resolveProvider: false)
        var codeActionProvider: CodeActionOptions
        var documentSymbolProvider = true
        var definitionProvider = true
        var referencesProvider = true
        var foldingRangeProvider = true
        var workspaceSymbolProvider = true
        var renameProvider = RenameOptions(prepareProvider: true)
        var documentFormattingProvider = true
        var documentRangeFormattingProvider = true
        var selectionRangeProvider = true
        var semanticTokensProvider = SemanticTokensOptions(legend: SemanticTokensLegend.icp, full: .init(delta: true))
        var documentLinkProvider = ResolveOptions(resolveProvider: false)
        var executeCommandProvider: ExecuteCommandOptions
        /// Only for a client that pulls diagnostics and takes refreshes; others get them pushed.
        var diagnosticProvider: DiagnosticOptions?
    }

    var capabilities: ServerCapabilities
    var serverInfo: ServerInfo
}

extension SemanticTokensLegend {
    /// The token types and modifiers the server uses, in the order their numbers refer to.
    static let icp = SemanticTokensLegend(tokenTypes: HighlightKind.allCases.map(\.name), tokenModifiers: HighlightModifiers.names)
}
