/// What the client said it supports at `initialize`, as far as this server cares.
struct ClientCapabilities: Sendable {
    var workDoneProgress = false
    var inlayHintRefresh = false
    var codeLensRefresh = false
    var semanticTokensRefresh = false
    /// The client pulls diagnostics (`textDocument/diagnostic`) and can be told to pull again
    /// (`workspace/diagnostic/refresh`): only then are diagnostics pulled rather than pushed,
    /// since without the refresh a client would not see the findings that come with the data.
    var pullDiagnostics = false
    var watchedFilesRegistration = false
    /// The client applies `workspace/applyEdit` requests.
    var applyEdit = false
    /// The client's workspace edits may create files.
    var createFiles = false
    /// The client takes versioned `documentChanges` in workspace edits.
    var documentChanges = false
    /// Hovers in markdown: unless the client's `contentFormat` prefers plain text (its first entry).
    var hoverMarkdown = true
    /// The client opens documents the server asks it to (`window/showDocument`).
    var showDocument = false

    init() {}

    init(_ json: JSONValue?) {
        workDoneProgress = json?["window"]?["workDoneProgress"]?.boolValue ?? false
        inlayHintRefresh = json?["workspace"]?["inlayHint"]?["refreshSupport"]?.boolValue ?? false
        codeLensRefresh = json?["workspace"]?["codeLens"]?["refreshSupport"]?.boolValue ?? false
        semanticTokensRefresh = json?["workspace"]?["semanticTokens"]?["refreshSupport"]?.boolValue ?? false
        pullDiagnostics = json?["textDocument"]?["diagnostic"] != nil && json?["workspace"]?["diagnostics"]?["refreshSupport"]?.boolValue == true
        watchedFilesRegistration = json?["workspace"]?["didChangeWatchedFiles"]?["dynamicRegistration"]?.boolValue ?? false
        applyEdit = json?["workspace"]?["applyEdit"]?.boolValue ?? false
        documentChanges = json?["workspace"]?["workspaceEdit"]?["documentChanges"]?.boolValue ?? false
        let formats = json?["textDocument"]?["hover"]?["contentFormat"]?.arrayValue?.compactMap(\.stringValue) ?? []
        hoverMarkdown = formats.first(where: { $0 == "markdown" || $0 == "plaintext" }).map { $0 == "markdown" } ?? true
        showDocument = json?["window"]?["showDocument"]?["support"]?.boolValue ?? false
        createFiles = json?["workspace"]?["workspaceEdit"]?["resourceOperations"]?.arrayValue?.contains { $0.stringValue == "create" } ?? false
    }
}
