import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace
import ICPFeatures

/// Document sync, analysis and diagnostics.
extension LanguageServer {
    func didOpen(_ params: DidOpenTextDocumentParams) {
        let item = params.textDocument
        guard let document = OpenDocument(uri: item.uri, version: item.version, text: item.text) else { return }
        documents[item.uri] = document
        overlay(document)
        startBaseLookup(for: document)
        analyze(item.uri)
    }

    /// The session reads an open document's text, not the file on disk.
    private func overlay(_ document: OpenDocument) {
        switch document.kind {
        case .icp: session.setOpen(document.document, at: document.url)
        case .workspace: session.setOpenSettings(WorkspaceDocument(text: document.text), root: document.url.deletingLastPathComponent())
        }
    }

    func didChange(_ params: DidChangeTextDocumentParams) throws {
        var document = try openDocument(params.textDocument.uri)
        for change in params.contentChanges { document.apply(change, encoding: encoding) }
        document.version = params.textDocument.version ?? (document.version < .max ? document.version + 1 : .max)
        document.document = ICPDocument(text: document.text, format: SourceFormat(fileName: document.url.lastPathComponent))
        document.needsAnalysis = true
        documents[document.uri] = document
        overlay(document)
        cancelAnalysis(of: document.uri)
    }

    /// Analyzes the documents changed since their last analysis; a changed workspace file
    /// refreshes everything that depends on it.
    func analyzeChanged() {
        if session.tick() {
            // Past midnight: every window counting back from today moves.
            reanalyzeAll()
            requestRefresh()
        }
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
        guard let closed = documents.removeValue(forKey: params.textDocument.uri) else { return }
        cancelAnalysis(of: closed.uri)
        sentTokens[closed.uri] = nil
        pulledDiagnostics[closed.uri] = nil
        switch closed.kind {
        case .icp: session.setOpen(nil, at: closed.url)
        case .workspace: session.setOpenSettings(nil, root: closed.url.deletingLastPathComponent())
        }
        if !client.pullDiagnostics {
            connection.notify("textDocument/publishDiagnostics", .object(["uri": .string(params.textDocument.uri), "diagnostics": .array([])]))
        }
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
        session.forgetFiles()
        // A commit or a branch switch moves the merge-base: look the bases up again.
        bases.removeAll()
        lastChanges.removeAll()
        for document in documents.values { startBaseLookup(for: document) }
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

    /// Runs every check on the document's current text and publishes the diagnostics with its
    /// version. Until its workspace is looked up (in the background) nothing is published; while
    /// data it needs is being read, the checks that need no data are published at once and the
    /// rest follow when the read is done. The evaluation runs off the actor, on a snapshot
    /// (``PendingAnalysis``); a newer text cancels it, and requests about the document wait for it.
    func analyze(_ uri: String) {
        guard var document = documents[uri] else { return }
        document.needsAnalysis = false
        cancelAnalysis(of: uri)
        guard session.isResolved(document.url) else {
            startResolving(document.url)
            document.awaitingWorkspace = true
            documents[uri] = document
            return
        }
        document.awaitingWorkspace = false
        documents[uri] = document
        let step = document.kind == .workspace
            ? .done(session.analysis(ofWorkspaceIn: document.url.deletingLastPathComponent(), readsData: false))
            : session.analysisStep(of: document.document, at: document.url, readsData: false)
        let version = document.version
        switch step {
        case .done(let analysis):
            finish(uri, version: version, with: analysis)
        case .pending(let pending):
            let id = nextAnalysisID
            nextAnalysisID += 1
            analyses[uri] = (id, Task.detached { [weak self] in
                let analysis = pending.run()
                guard !Task.isCancelled else { return }
                await self?.finishAnalysis(uri, id: id, version: version, analysis)
            })
        }
    }

    /// A newer text, a closed document or new data makes an analysis under way moot.
    func cancelAnalysis(of uri: String) {
        analyses.removeValue(forKey: uri)?.task.cancel()
    }

    private func finishAnalysis(_ uri: String, id: Int, version: Int, _ analysis: FileAnalysis) {
        ActorContext.$isOnActor.withValue(true) {
            guard analyses[uri]?.id == id else { return }
            analyses[uri] = nil
            finish(uri, version: version, with: analysis)
            answerWaitingRequests()
        }
    }

    /// Keeps an analysis of the document's text at `version` and publishes its diagnostics,
    /// unless the text has changed since (a newer analysis is then under way or due).
    private func finish(_ uri: String, version: Int, with analysis: FileAnalysis) {
        guard var document = documents[uri], document.version == version else { return }
        defer {
            documents[uri] = document
            publish(document)
        }
        document.diagnostics = analysis.diagnostics
        document.waitingFor = analysis.waitingFor.map(\.url.path)
        if !analysis.waitingFor.isEmpty {
            startLoading(analysis.waitingFor)
            document.current = nil
            return
        }
        document.data = analysis.data ?? document.data
        if let icp = document.document.icp, let evaluation = analysis.evaluation, let data = analysis.data {
            document.current = Evaluated(icp: icp, evaluation: evaluation, data: data, source: document.source, overlap: analysis.overlap)
            document.lastGood = document.current
        } else {
            document.current = nil
        }
    }

    func publish(_ document: OpenDocument) {
        let diagnostics = document.diagnostics.map { lspDiagnostic($0, in: document.source) }
        if client.pullDiagnostics {
            // The client pulls; it is told to pull again when what it has for this version changed
            // (findings that came with the data). A newer version it will pull itself.
            if let pulled = pulledDiagnostics[document.uri], pulled.version == document.version, pulled.items != diagnostics {
                sendRequest("workspace/diagnostic/refresh", .null)
            }
            return
        }
        let params = PublishDiagnosticsParams(uri: document.uri, version: document.version, diagnostics: diagnostics)
        if let json = try? JSONValue(encoding: params) { connection.notify("textDocument/publishDiagnostics", json) }
    }

    func lspDiagnostic(_ diagnostic: Diagnostic, in source: SourceText) -> LSPDiagnostic {
        Self.lspDiagnostic(diagnostic, in: source, encoding: encoding)
    }

    static func lspDiagnostic(_ diagnostic: Diagnostic, in source: SourceText, encoding: PositionEncoding) -> LSPDiagnostic {
        let severity = switch diagnostic.severity {
        case .error: 1
        case .warning: 2
        case .information: 3
        }
        return LSPDiagnostic(range: encoding.range(diagnostic.range, in: source), severity: severity, code: diagnostic.code.rawValue,
                             message: diagnostic.message, data: diagnostic.replacement.map { .object(["replacement": .string($0)]) })
    }
}
