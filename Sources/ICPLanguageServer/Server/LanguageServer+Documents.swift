import Foundation
import ICPCore
import ICPWorkspace

/// Document sync, analysis and diagnostics.
extension LanguageServer {
    func didOpen(_ params: DidOpenTextDocumentParams) {
        let item = params.textDocument
        guard let document = OpenDocument(uri: item.uri, version: item.version, text: item.text) else { return }
        documents[item.uri] = document
        analyze(item.uri)
    }

    func didChange(_ params: DidChangeTextDocumentParams) throws {
        var document = try document(params.textDocument.uri)
        for change in params.contentChanges { document.apply(change, encoding: encoding) }
        document.version = params.textDocument.version ?? (document.version < .max ? document.version + 1 : .max)
        document.document = ICPDocument(text: document.text, format: SourceFormat(fileName: document.url.lastPathComponent))
        document.needsAnalysis = true
        documents[document.uri] = document
    }

    /// Analyzes the documents changed since their last analysis; a changed workspace file
    /// refreshes everything that depends on it.
    func analyzeChanged() {
        if dependentsChanged {
            dependentsChanged = false
            dataFilesChanged = false
            refreshDependents()
            return
        }
        if dataFilesChanged {
            dataFilesChanged = false
            checkDataFiles()
        }
        let changed = documents.values.filter(\.needsAnalysis)
        guard !changed.isEmpty else { return }
        if changed.contains(where: { $0.kind == .workspace }) {
            refreshDependents()
        } else {
            for document in changed.sorted(by: { $0.uri < $1.uri }) { analyze(document.uri) }
        }
    }

    func didClose(_ params: DocumentParams) {
        guard documents.removeValue(forKey: params.textDocument.uri) != nil else { return }
        connection.notify("textDocument/publishDiagnostics", .object(["uri": .string(params.textDocument.uri), "diagnostics": .array([])]))
    }

    /// Data files changed: they are checked, and reread if really changed, in the background.
    /// Workspace or ICP files changed: settings and codes are read again and every document analyzed.
    /// Either happens once for events that arrive together (a storm of a thousand is one refresh).
    func didChangeWatchedFiles(_ params: DidChangeWatchedFilesParams) {
        guard !params.changes.isEmpty else { return }
        let names = params.changes.map { OpenDocument.fileURL($0.uri).lastPathComponent }
        if names.contains(where: { $0 == WorkspaceKey.fileName || ICPFileName.matches($0) }) {
            dependentsChanged = true
        } else {
            dataFilesChanged = true
        }
    }

    /// Workspace settings or other ICP files may have changed: read them again, analyze every
    /// document, ask the client to redraw, and check the data files for changes.
    func refreshDependents() {
        provider.forgetEngines()
        workspaces.removeAll()
        locator = WorkspaceLocator()
        reanalyzeAll()
        requestRefresh()
        checkDataFiles()
    }

    func reanalyzeAll() {
        for uri in documents.keys.sorted() { analyze(uri) }
        for uri in documents.keys { documents[uri]?.needsAnalysis = false }
    }

    func registerWatchers() {
        guard client.watchedFilesRegistration else { return }
        let patterns = ["**/*.csv", "**/*.jsonl", "**/*.ndjson", "**/*.json", "**/\(WorkspaceKey.fileName)", "**/*.icp.yaml", "**/*.icp.yml"]
        let watchers = JSONValue.array(patterns.map { .object(["globPattern": .string($0)]) })
        sendRequest("client/registerCapability", .object(["registrations": .array([
            .object(["id": .string("icp-watched-files"), "method": .string("workspace/didChangeWatchedFiles"),
                     "registerOptions": .object(["watchers": watchers])]),
        ])]))
    }

    func workspace(for url: URL) -> Workspace {
        let root = locator.workspaceRoot(for: url)
        if let root, let known = workspaces[root] { return known }
        let (workspace, problem) = Workspace.load(root: root)
        if let problem { log(.warning, problem) }
        if let root {
            // An open, unsaved workspace file wins over the one on disk.
            let openSettings = documents.values.first { $0.kind == .workspace && $0.url.deletingLastPathComponent().standardizedFileURL == root.standardizedFileURL }
            let resolved = openSettings.map { Workspace(root: root, document: WorkspaceDocument(text: $0.text), source: nil) } ?? workspace
            workspaces[root] = resolved
            return resolved
        }
        return workspace
    }

    /// Runs every check on the document's current text and publishes the diagnostics with its
    /// version. While data it needs is being read, the checks that need no data are published
    /// at once; the rest follow when the read is done.
    func analyze(_ uri: String) {
        guard var document = documents[uri] else { return }
        defer {
            documents[uri] = document
            publish(document)
        }
        document.needsAnalysis = false
        if document.kind == .workspace {
            let root = document.url.deletingLastPathComponent()
            let edited = Workspace(root: root, document: WorkspaceDocument(text: document.text), source: nil)
            let unread = provider.unread(for: nil, file: nil, workspace: edited)
            document.waitingFor = unread.map(\.url.path)
            if !unread.isEmpty {
                startLoading(unread)
                document.diagnostics = edited.textDiagnostics.sortedByPosition()
                return
            }
            document.diagnostics = FileChecker.check(edited, provider: provider).sortedByPosition()
            return
        }
        let workspace = workspace(for: document.url)
        let unread = document.document.icp.map { provider.unread(for: $0, file: document.url, workspace: workspace) } ?? []
        document.waitingFor = unread.map(\.url.path)
        if !unread.isEmpty {
            startLoading(unread)
            document.diagnostics = (document.document.check(in: workspace.checkContext(today: today)) + duplicateCodes(of: document, workspace: workspace)).sortedByPosition()
            document.current = nil
            return
        }
        let check = FileChecker.check(document.document, file: document.url, workspace: workspace, provider: provider, today: today)
        var diagnostics = check.diagnostics
        document.data = check.data ?? document.data
        if let failure = check.failure {
            var finding = FileChecker.diagnostic(for: failure)
            if failure.givenIn != document.url {
                finding.range = document.document.icp?.code?.range ?? SourceRange(at: .start)
                finding.message = "The workspace's dataset cannot be read: \(finding.message)"
            }
            diagnostics.append(finding)
        }
        diagnostics += duplicateCodes(of: document, workspace: workspace)
        document.diagnostics = diagnostics.sortedByPosition()
        if let icp = document.document.icp, let evaluation = check.evaluation, let data = check.data {
            document.current = Evaluated(icp: icp, evaluation: evaluation, data: data, source: document.source)
            document.lastGood = document.current
        } else {
            document.current = nil
        }
    }

    func publish(_ document: OpenDocument) {
        let diagnostics = document.diagnostics.map { lspDiagnostic($0, in: document.source) }
        let params = PublishDiagnosticsParams(uri: document.uri, version: document.version, diagnostics: diagnostics)
        if let json = try? JSONValue(encoding: params) { connection.notify("textDocument/publishDiagnostics", json) }
    }

    func lspDiagnostic(_ diagnostic: Diagnostic, in source: SourceText) -> LSPDiagnostic {
        let severity = switch diagnostic.severity {
        case .error: 1
        case .warning: 2
        case .information: 3
        }
        return LSPDiagnostic(range: encoding.range(diagnostic.range, in: source), severity: severity, code: diagnostic.code.rawValue,
                             message: diagnostic.message, data: diagnostic.replacement.map { .object(["replacement": .string($0)]) })
    }

    /// `duplicate-code` against the other ICP files of the workspace (open ones as typed, the rest from disk).
    private func duplicateCodes(of document: OpenDocument, workspace: Workspace) -> [Diagnostic] {
        guard document.document.icp?.code != nil else { return [] }
        let open = Dictionary(documents.values.map { ($0.url, $0.document) }, uniquingKeysWith: { first, _ in first })
        let members = WorkspaceCodes.members(sharingWorkspaceWith: document.url, root: workspace.root, locator: &locator) { open[$0] }
        let folder = workspace.root ?? document.url.deletingLastPathComponent()
        let named = members.map { member in
            let path = member.file.path.hasPrefix(folder.path + "/") ? String(member.file.path.dropFirst(folder.path.count + 1)) : member.file.path
            return DuplicateCodeCheck.Member(name: path, code: member.code)
        }
        guard let index = members.firstIndex(where: { $0.file == document.url }) else { return [] }
        return DuplicateCodeCheck.run(on: named)[index].map { [$0] } ?? []
    }
}
