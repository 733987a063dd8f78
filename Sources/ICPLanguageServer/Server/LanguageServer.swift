import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset
import ICPWorkspace
import ICPFeatures

/// Whether the running code is the server's actor at work (set at each of its entry points), so
/// a test's file system can tell a file read on the actor from one in the background.
public enum ActorContext {
    @TaskLocal public static var isOnActor = false
}

/// The language server's state and its answers: one actor, fed the client's messages in order.
public actor LanguageServer {
    enum Phase {
        case waiting, running, shutDown
    }

    let connection: Connection
    let cancellations: CancellationRegistry
    let fileSystem: any FileSystem
    let clock: @Sendable () -> CalendarDate
    var phase = Phase.waiting
    var encoding = PositionEncoding(unit: .utf16)
    var client = ClientCapabilities()
    var documents: [String: OpenDocument] = [:]
    /// The semantic tokens last sent for each document, for `semanticTokens/full/delta`.
    var sentTokens: [String: (resultId: String, data: [Int])] = [:]
    var nextTokensID = 0
    /// The diagnostics a pulling client last got for each document, and for which version.
    var pulledDiagnostics: [String: (version: Int, resultId: String, items: [LSPDiagnostic])] = [:]
    /// Workspaces, the ICP files of each, open texts, data and the date: the analysis layer
    /// `icp check` uses too. The actor never lets it touch a file: lookups and reads it needs
    /// run in the background (``startResolving(_:)``, ``startLoading(_:)``) and are installed here.
    var session: WorkspaceSession
    /// Folders whose workspace is being looked up, off the actor.
    var resolving: [URL: Task<Void, Never>] = [:]
    /// Open ICP files at the merge-base with the default branch (nil inside: no repository or
    /// branch), and the lookups under way.
    var bases: [URL: BaseVersion?] = [:]
    /// Each open ICP file's last change by git (nil inside: none, or no repository).
    var lastChanges: [URL: FileHistory.Change?] = [:]
    var baseLookups: [URL: Task<Void, Never>] = [:]
    /// Evaluations under way off the actor, by document; the id tells a current one from a cancelled one.
    var analyses: [String: (id: Int, task: Task<Void, Never>)] = [:]
    var nextAnalysisID = 0
    var nextRequestID = 1
    var progressTokens = 0
    /// Reads of data files under way, by path; checks of loaded files for changes, by id.
    var loads: [String: DataLoad] = [:]
    var checks: [Int: Task<Void, Never>] = [:]
    /// A redraw the client will be asked for shortly (``requestRefresh()``).
    var pendingRefresh: Task<Void, Never>?
    var refreshDue = ContinuousClock.now
    var nextCheckID = 0
    /// Requests that need data being read, answered when a read is done (``WaitingForData``) or,
    /// at the latest, when their wait runs out (``dataWaitLimit``) with what there is.
    var waitingForData: [(id: RequestID, method: String, params: JSONValue?, deadline: ContinuousClock.Instant, since: ContinuousClock.Instant)] = []
    /// Set while requests whose wait ran out are answered: handlers answer with what they have.
    var answeringWithoutWaiting = false
    /// The request being answered, and those for which the files on disk are read again
    /// (``requireFreshFiles(around:)``): false while reading, true once read.
    var currentRequest: RequestID?
    var freshRequests: [RequestID: Bool] = [:]
    /// Answers worked out off the actor (``answeredInBackground(fallback:_:)``), by request: nil while under way.
    var backgroundAnswers: [RequestID: JSONValue?] = [:]
    /// The background work requests wait for (fresh reads, answers), by request.
    var requestWork: [RequestID: Task<Void, Never>] = [:]
    /// Costly code actions of each document's current version, worked out off the actor, and
    /// the work under way.
    var costlyActions: [CostlyKey: [FeatureAction]] = [:]
    var costlyWork: [CostlyKey: Task<Void, Never>] = [:]
    /// How long a request that needs data waits for a read under way; a request the client
    /// cannot be told to send again waits on while the read goes on, up to ``longestDataWait``.
    var dataWaitLimit = Duration.seconds(10)
    var longestDataWait = Duration.seconds(120)

    /// Shorter waits, for tests that would otherwise sit through ten seconds.
    func setDataWaits(first: Duration, longest: Duration) {
        (dataWaitLimit, longestDataWait) = (first, longest)
    }
    /// Workspace or ICP files changed on disk (or were saved): settings and codes are read
    /// again once, when the messages that arrived together have been handled.
    var dependentsChanged = false
    /// Data files changed on disk: their stamps are checked once the messages waiting are handled.
    var dataFilesChanged = false
    /// A data file changed while a read was under way: the files are checked again when it ends.
    var dataChangedDuringRead = false

    /// `clock` gives the date each analysis runs as of (a session past midnight moves on);
    /// `fileSystem` is where every file is read, never on the actor.
    public init(connection: Connection, cancellations: CancellationRegistry, fileSystem: any FileSystem = LocalFileSystem(),
                clock: @escaping @Sendable () -> CalendarDate = { .today }) {
        self.connection = connection
        self.cancellations = cancellations
        self.fileSystem = fileSystem
        self.clock = clock
        self.session = WorkspaceSession(fileSystem: fileSystem, clock: clock)
    }

    public init(connection: Connection, cancellations: CancellationRegistry, today: CalendarDate) {
        self.init(connection: connection, cancellations: cancellations, clock: { today })
    }

    /// The date analyses run as of (unless a workspace sets `as_of`).
    var today: CalendarDate { session.today }

    /// The process exit code once the client has said `exit`: 0 after `shutdown`, 1 without.
    public var exitCode: Int32 { phase == .shutDown ? 0 : 1 }

    /// Handles one message; false when the client said `exit`. `moreWaiting`: further messages
    /// are already read and queued, so documents changed now are analyzed once those are in
    /// (a newer version makes the evaluation of an older one moot); a request analyzes first.
    public func handle(_ message: IncomingMessage, moreWaiting: Bool = false) -> Bool {
        let started = ContinuousClock.now
        let going = ActorContext.$isOnActor.withValue(true) { handleOnActor(message, moreWaiting: moreWaiting) }
        // The actor answers one message at a time: one that holds it long delays every other.
        let took = ContinuousClock.now - started
        if took > slowMessage {
            log(.warning, "\(message.method ?? "a message") took \(CountFormat.grouped(Int(took.seconds * 1000))) ms; other messages waited (icp logs any over \(CountFormat.plain(slowMessage.seconds * 1000)) ms)")
        }
        return going
    }

    /// A message that holds the actor longer than this is logged, as rust-analyzer warns of a long loop turn.
    var slowMessage = Duration.milliseconds(100)

    func setSlowMessageLimit(_ limit: Duration) {
        slowMessage = limit
    }

    private func handleOnActor(_ message: IncomingMessage, moreWaiting: Bool) -> Bool {
        defer { if !moreWaiting { analyzeChanged() } }
        switch message {
        case .request(let id, let method, let params):
            analyzeChanged()
            respond(to: id, method, params)
        case .notification(let method, let params):
            if method == "exit" { return false }
            guard phase == .running else { return true }
            do {
                try receive(method, params)
            } catch {
                log(.error, "\(method): \(error is DecodingError ? "invalid params: \(Self.describe(error))" : "\(error)")")
            }
        case .response:
            break
        case .invalid(let id, let reason):
            connection.respond(id, error: ResponseError(.invalidRequest, reason))
        }
        return true
    }

    /// Answers one request, or keeps it for later when it needs data still being read.
    func respond(to id: RequestID, _ method: String, _ params: JSONValue?) {
        if cancellations.take(id) {
            connection.respond(id, error: ResponseError(.requestCancelled, "\(method) was cancelled"))
            return
        }
        currentRequest = id
        var waits = false
        defer {
            currentRequest = nil
            if !waits {
                freshRequests[id] = nil
                backgroundAnswers[id] = nil
            }
        }
        do {
            connection.respond(id, result: try answer(method, params))
        } catch is WaitingForData {
            waits = true
            cancellations.arrived(id)
            let now = ContinuousClock.now
            waitingForData.append((id, method, params, now + dataWaitLimit, now))
            scheduleOverdueCheck()
        } catch let error as ResponseError {
            connection.respond(id, error: error)
        } catch let error as DecodingError {
            connection.respond(id, error: ResponseError(.invalidParams, "invalid params for \(method): \(Self.describe(error))"))
        } catch {
            log(.error, "\(method) failed: \(error)")
            connection.respond(id, error: ResponseError(.requestFailed, "\(method) failed: \(error)"))
        }
    }

    private func answer(_ method: String, _ params: JSONValue?) throws -> JSONValue {
        if method == "initialize" {
            guard phase == .waiting else { throw ResponseError(.invalidRequest, "initialize was already received") }
            return try initialize(params)
        }
        switch phase {
        case .waiting: throw ResponseError(.serverNotInitialized, "the server is not initialized yet; send initialize first")
        case .shutDown: throw ResponseError(.invalidRequest, "the server is shut down; only exit is accepted")
        case .running: break
        }
        if method == "shutdown" {
            phase = .shutDown
            return .null
        }
        guard let route = Self.routes[method] else { throw ResponseError(.methodNotFound, "\(method) is not supported by the icp server") }
        if mustPark(route, params ?? .null) { throw WaitingForData() }
        return try route.answer(self, params ?? .null)
    }

    private func receive(_ method: String, _ params: JSONValue?) throws {
        let params = params ?? .null
        switch method {
        case "initialized": registerWatchers()
        case "textDocument/didOpen": try didOpen(params.decode(DidOpenTextDocumentParams.self))
        case "textDocument/didChange": try didChange(params.decode(DidChangeTextDocumentParams.self))
        case "textDocument/didClose": try didClose(params.decode(DocumentParams.self))
        case "textDocument/didSave": dependentsChanged = true
        case "workspace/didChangeWatchedFiles": try didChangeWatchedFiles(params.decode(DidChangeWatchedFilesParams.self))
        case "workspace/didChangeConfiguration": configure(params["settings"])
        default: break
        }
    }

    private func initialize(_ params: JSONValue?) throws -> JSONValue {
        let offered = params?["capabilities"]?["general"]?["positionEncodings"]?.arrayValue?.compactMap(\.stringValue) ?? []
        encoding = PositionEncoding.negotiate(offered: offered)
        client = ClientCapabilities(params?["capabilities"])
        // Paths in messages are shown from the client's root folder, as `icp check` run there shows them.
        let rootPath = params?["rootUri"]?.stringValue.map { OpenDocument.fileURL($0).path } ?? params?["rootPath"]?.stringValue
        let prefix = rootPath.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        session = WorkspaceSession(fileSystem: fileSystem, clock: clock) { url in
            guard let prefix, url.path.hasPrefix(prefix) else { return url.path }
            return String(url.path.dropFirst(prefix.count))
        }
        configure(params?["initializationOptions"])
        phase = .running
        typealias Capabilities = InitializeResult.ServerCapabilities
        let capabilities = Capabilities(
            positionEncoding: encoding.unit.rawValue,
            textDocumentSync: .init(openClose: true, change: .incremental, save: .init(includeText: false)),
            completionProvider: .init(triggerCharacters: [":", " ", "[", ",", "-", "\""], resolveProvider: false),
            codeActionProvider: .init(codeActionKinds: ["quickfix", "refactor.rewrite"]),
            executeCommandProvider: .init(commands: Self.commands),
            diagnosticProvider: client.pullDiagnostics ? .init(identifier: "icp", interFileDependencies: true, workspaceDiagnostics: true) : nil)
        return try JSONValue(encoding: InitializeResult(capabilities: capabilities, serverInfo: .init(name: "icp", version: ToolVersion.current)))
    }

    /// `{"icp": {"allowOutsideWorkspace": true, "cache": false}}` (or the inner object): dataset
    /// paths outside the workspace folder; reading data files without the on-disk cache.
    private func configure(_ settings: JSONValue?) {
        let settings = settings?["icp"] ?? settings
        let requested = DataAccess(allowOutsideWorkspace: settings?["allowOutsideWorkspace"]?.boolValue ?? false,
                                   useCache: settings?["cache"]?.boolValue ?? true)
        guard requested != session.provider.access else { return }
        // The files read stay, and reads under way go on: the bytes are the same whatever the
        // settings, so toggling one never reads a file again.
        session.configure(requested)
        reanalyzeAll()
    }

    /// The open document a command is about (its URI among the arguments, so the route cannot
    /// declare what it waits for): while its workspace is being looked up or its text evaluated,
    /// the command waits and is answered as if it had just come.
    func document(_ uri: String) throws -> OpenDocument {
        let document = try openDocument(uri)
        if document.awaitingWorkspace || analyses[uri] != nil, !answeringWithoutWaiting { throw WaitingForData() }
        return document
    }

    func openDocument(_ uri: String) throws -> OpenDocument {
        guard let document = documents[uri] else {
            throw ResponseError(.invalidParams, "\(uri) is not open; send textDocument/didOpen first")
        }
        return document
    }

    enum LogLevel: Int {
        case error = 1, warning = 2, info = 3
    }

    func log(_ level: LogLevel, _ message: String) {
        connection.notify("window/logMessage", .object(["type": .int(level.rawValue), "message": .string(message)]))
    }

    func sendRequest(_ method: String, _ params: JSONValue) {
        connection.request(nextRequestID, method, params)
        nextRequestID += 1
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context): return "missing `\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))`"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "`\(context.codingPath.map(\.stringValue).joined(separator: "."))`: \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
