import Dispatch
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset
import ICPWorkspace

/// A read of data files under way, off the actor.
struct DataLoad {
    let task: Task<Void, Never>
    let progress: LoadProgress
}

/// Reading data in the background: the server keeps answering while files load, and swaps the
/// data in when a read is done (language-server.md, Data in the background).
extension LanguageServer {
    /// Starts reading the files not already being read; when done, their data replaces what the
    /// provider held and every document is analyzed again.
    func startLoading(_ files: [FileLoad]) {
        let fresh = files.filter { loads[$0.url.path] == nil }
        guard !fresh.isEmpty else { return }
        let progress = LoadProgress()
        let names = fresh.map { $0.url.lastPathComponent }.joined(separator: ", ")
        let token = beginProgress("Loading \(names)")
        let useCache = session.provider.access.useCache
        let fileSystem = fileSystem
        let connection = connection
        let started = ContinuousClock.now
        let task = Task.detached { [weak self] in
            let reporter = token.map { token in
                Task.detached {
                    // A report only when what it says changed: not 171 reports saying 19 things.
                    var last: (Int, String)?
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .milliseconds(200))
                        let report = Self.report(of: progress.snapshot)
                        guard last.map({ $0 != report }) ?? true else { continue }
                        last = report
                        Self.send(report, token: token, connection: connection)
                    }
                }
            }
            // Reading blocks a thread for seconds: not one of the few that run tasks and the actor.
            let loaded = await withCheckedContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async {
                    continuation.resume(returning: fresh.concurrentMap { DatasetProvider.read($0, fileSystem: fileSystem, useCache: useCache, progress: progress) })
                }
            }
            // The last report goes out before the end, never after it.
            reporter?.cancel()
            await reporter?.value
            await self?.finishLoading(loaded, token: token, seconds: (ContinuousClock.now - started).seconds)
            // A cache opens with its columns decoded on first use: those the open ICPs name were
            // decoded for their diagnostics; the others now, off the actor, so a hover or a
            // completion on another column finds it ready.
            DispatchQueue.global(qos: .utility).async {
                for file in loaded { if case .success(let store) = file.result { _ = store.columns } }
            }
        }
        for file in fresh { loads[file.url.path] = DataLoad(task: task, progress: progress) }
    }

    private func finishLoading(_ files: [LoadedFile], token: String?, seconds: Double) {
        ActorContext.$isOnActor.withValue(true) { installLoaded(files, token: token, seconds: seconds) }
    }

    private func installLoaded(_ files: [LoadedFile], token: String?, seconds: Double) {
        if let token { endProgress(token) }
        for file in files { loads[file.load.url.path] = nil }
        session.provider.install(files)
        for file in files {
            switch file.result {
            case .success(let store):
                log(.info, "Loaded \(CountFormat.grouped(store.rowCount)) rows from \(file.load.name) in \(CountFormat.decimal(seconds, digits: 2)) s.")
            case .failure(let error):
                log(.error, error.description)
            }
        }
        reanalyzeAll()
        requestRefresh()
        answerWaitingRequests()
        // A change notified while the files were read may not be in what was read: check again.
        if dataChangedDuringRead, loads.isEmpty {
            dataChangedDuringRead = false
            checkDataFiles()
        }
    }

    /// Answers the requests that waited for data, a lookup or an evaluation, now that one is
    /// done (those that still need one under way wait on).
    func answerWaitingRequests() {
        let waiting = waitingForData
        waitingForData = []
        for request in waiting { respond(to: request.id, request.method, request.params) }
        // A request that waits again keeps its first deadline.
        for index in waitingForData.indices {
            if let first = waiting.first(where: { $0.id == waitingForData[index].id }) {
                (waitingForData[index].deadline, waitingForData[index].since) = (first.deadline, first.since)
            }
        }
    }

    /// Answers, with what there is, the requests whose wait for data has run out.
    func answerOverdueRequests() {
        ActorContext.$isOnActor.withValue(true) { answerOverdue() }
    }

    private func answerOverdue() {
        let now = ContinuousClock.now
        // A 35-60 s load outlasts the first wait: a request whose empty answer the client would
        // keep (YouCompleteMe's one inlay-hint request, a lens without refresh) waits on while
        // a read, or the evaluation that follows it, is under way, up to `longestDataWait`; the
        // others are answered with what there is.
        let working = !loads.isEmpty || !analyses.isEmpty
        var extended = false
        for index in waitingForData.indices where waitingForData[index].deadline <= now {
            let request = waitingForData[index]
            let computing = backgroundAnswers[request.id] == .some(nil)
            guard working || computing, !clientAsksAgain(request.method), now - request.since < longestDataWait else { continue }
            waitingForData[index].deadline = min(now + dataWaitLimit, request.since + longestDataWait)
            extended = true
        }
        if extended { scheduleOverdueCheck() }
        let overdue = waitingForData.filter { $0.deadline <= now }
        guard !overdue.isEmpty else { return }
        waitingForData.removeAll { $0.deadline <= now }
        answeringWithoutWaiting = true
        defer { answeringWithoutWaiting = false }
        for request in overdue { respond(to: request.id, request.method, request.params) }
    }

    /// Whether the client sends `method` again by itself once told, or because the answer says
    /// it is incomplete: then a partial answer now costs nothing.
    private func clientAsksAgain(_ method: String) -> Bool {
        switch method {
        case "textDocument/inlayHint": client.inlayHintRefresh
        case "textDocument/codeLens": client.codeLensRefresh
        case "textDocument/semanticTokens/full", "textDocument/semanticTokens/range": client.semanticTokensRefresh
        case "textDocument/completion", "textDocument/diagnostic", "workspace/diagnostic": true
        default: false
        }
    }

    /// Looks at the waiting requests again once the next wait has run out.
    func scheduleOverdueCheck() {
        let wait = dataWaitLimit
        Task { [weak self] in
            try? await Task.sleep(for: wait)
            await self?.answerOverdueRequests()
        }
    }

    /// Throws ``WaitingForData`` while data `document` needs is being read, so the request is
    /// answered when it is in; returns when there is nothing to wait for, or the wait ran out.
    func waitForData(of document: OpenDocument) throws {
        guard !answeringWithoutWaiting, document.current == nil,
              document.awaitingWorkspace || document.waitingFor.contains(where: { loads[$0] != nil }) else { return }
        throw WaitingForData()
    }

    /// Rereads, in the background, the loaded files whose stamp changed; an unchanged file
    /// costs a stat and a hash off the actor, and nothing else. The old data serves until the
    /// new is in.
    func checkDataFiles() {
        if !loads.isEmpty { dataChangedDuringRead = true }
        let loaded = session.provider.loadedFiles.filter { loads[$0.load.url.path] == nil }
        guard !loaded.isEmpty else { return }
        let id = nextCheckID
        nextCheckID += 1
        let fileSystem = fileSystem
        checks[id] = Task.detached { [weak self] in
            let changed = await withCheckedContinuation { continuation in
                DispatchQueue.global(qos: .userInitiated).async {
                    continuation.resume(returning: loaded.filter { !fileSystem.isCurrent($0) }.map(\.load))
                }
            }
            await self?.finishCheck(id, changed: changed)
        }
    }

    private func finishCheck(_ id: Int, changed: [FileLoad]) {
        ActorContext.$isOnActor.withValue(true) {
            checks[id] = nil
            if !changed.isEmpty { startLoading(changed) }
        }
    }

    /// Returns once no lookup, read or check is under way (tests use it to see the settled state).
    func waitUntilIdle() async {
        while let next = resolving.values.first ?? analyses.values.first?.task ?? loads.values.first?.task ?? checks.values.first ?? baseLookups.values.first
            ?? requestWork.values.first ?? costlyWork.values.first ?? pendingRefresh {
            await next.value
        }
    }

    /// Looks up, off the actor, the workspace governing `file` (its settings and the codes of its
    /// ICP files); when done, the documents are analyzed and waiting requests answered.
    func startResolving(_ file: URL) {
        let folder = file.deletingLastPathComponent().standardizedFileURL
        guard resolving[folder] == nil else { return }
        let fileSystem = fileSystem
        resolving[folder] = Task.detached { [weak self] in
            let resolution = await Self.resolve(file, fileSystem: fileSystem)
            await self?.finishResolving(folder, resolution)
        }
    }

    /// Looks `file`'s workspace up on a dispatch queue: it reads files, which the actor never does.
    static func resolve(_ file: URL, fileSystem: any FileSystem) async -> WorkspaceResolution {
        await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(returning: WorkspaceResolution.resolve(for: file, fileSystem: fileSystem))
            }
        }
    }

    private func finishResolving(_ folder: URL, _ resolution: WorkspaceResolution) {
        ActorContext.$isOnActor.withValue(true) { installResolution(folder, resolution) }
    }

    private func installResolution(_ folder: URL, _ resolution: WorkspaceResolution) {
        resolving[folder] = nil
        if let problem = resolution.readProblem { log(.warning, problem) }
        session.install(resolution)
        let waiting = documents.keys.sorted().filter { documents[$0]?.awaitingWorkspace == true }
        for uri in waiting { analyze(uri) }
        if !waiting.isEmpty { requestRefresh() }
        answerWaitingRequests()
    }

    /// "Loading data: 42% (420,000 rows read)" while a file `document` needs is being read.
    func loadingNote(for document: OpenDocument) -> String? {
        let progress = document.waitingFor.compactMap { loads[$0]?.progress }
        guard let first = progress.first else { return nil }
        let snapshot = first.snapshot
        return "Loading data: \(CountFormat.percent(snapshot.fraction, digits: 0)) (\(CountFormat.grouped(snapshot.rows)) rows read); figures follow when it is in."
    }

    /// Asks the client to redraw hints, lenses and tokens once the burst of changes calling it
    /// is over: on open, the workspace, the data and the base revision come in within a second,
    /// and each asked for a redraw of its own (three of each in 0.6 s). None is sent while data
    /// is being read, whose arrival asks for its own. Each call within
    /// ``refreshDelay`` of the last puts the redraw off again, up to ``refreshLimit`` after the first.
    func requestRefresh() {
        guard client.inlayHintRefresh || client.codeLensRefresh || client.semanticTokensRefresh else { return }
        let now = ContinuousClock.now
        refreshDue = now + Self.refreshDelay
        guard pendingRefresh == nil else { return }
        let limit = now + Self.refreshLimit
        pendingRefresh = Task.detached { [weak self] in
            while let due = await self?.refreshDue, due > ContinuousClock.now, ContinuousClock.now < limit {
                try? await Task.sleep(until: min(due, limit), clock: .continuous)
            }
            await self?.flushRefresh()
        }
    }

    /// How long a redraw waits for other changes to join it, and at most.
    static let refreshDelay = Duration.milliseconds(250)
    static let refreshLimit = Duration.seconds(2)

    private func flushRefresh() {
        ActorContext.$isOnActor.withValue(true) {
            pendingRefresh = nil
            // Data on its way redraws everything when it is in (`installLoaded`): not twice.
            guard loads.isEmpty else { return }
            if client.inlayHintRefresh { sendRequest("workspace/inlayHint/refresh", .null) }
            if client.codeLensRefresh { sendRequest("workspace/codeLens/refresh", .null) }
            if client.semanticTokensRefresh { sendRequest("workspace/semanticTokens/refresh", .null) }
        }
    }

    func beginProgress(_ title: String) -> String? {
        guard client.workDoneProgress else { return nil }
        progressTokens += 1
        let token = "icp-load-\(progressTokens)"
        sendRequest("window/workDoneProgress/create", .object(["token": .string(token)]))
        connection.notify("$/progress", .object(["token": .string(token), "value": .object([
            "kind": .string("begin"), "title": .string(title), "percentage": .int(0), "cancellable": .bool(false),
        ])]))
        return token
    }

    /// The percentage and message of a progress report: rows read, then what is done past the
    /// reading ("typing 16 columns of accounts.csv"); 99% at most until the end says it is done.
    static func report(of snapshot: LoadProgress.Snapshot) -> (Int, String) {
        (min(99, Int(snapshot.fraction * 100)), "\(CountFormat.grouped(snapshot.rows)) rows read" + (snapshot.stage.map { "; \($0)" } ?? ""))
    }

    private static func send(_ report: (Int, String), token: String, connection: Connection) {
        connection.notify("$/progress", .object(["token": .string(token), "value": .object([
            "kind": .string("report"), "message": .string(report.1), "percentage": .int(report.0),
        ])]))
    }

    func endProgress(_ token: String) {
        connection.notify("$/progress", .object(["token": .string(token), "value": .object(["kind": .string("end")])]))
    }
}
