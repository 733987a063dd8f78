import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// The one place a file's diagnostics and evaluation come from, for `icp check` and the other
/// commands as for the language server (architecture.md, The analysis layer): it finds the
/// workspace governing each file, keeps an index of every ICP file of each workspace (open or
/// not) with its code, holds the texts an editor has open over what is on disk, the dataset
/// provider and the date. All file access goes through its ``FileSystem``.
///
/// Lookups either resolve on the spot (``resolveNow(_:)``, the command line) or take a
/// resolution gathered elsewhere (``install(_:)``, the server, which gathers off its actor).
public final class WorkspaceSession {
    public let fileSystem: any FileSystem
    public let provider: DatasetProvider
    /// How paths are shown in messages.
    public let display: (URL) -> String
    private let clock: () -> CalendarDate
    /// Each folder looked at, with the root governing it (nil: none).
    private var roots: [URL: URL?] = [:]
    /// Workspaces as on disk, and the ICP files of each group with their codes on disk.
    private var workspaces: [URL: (workspace: Workspace, readProblem: String?)] = [:]
    private(set) var groups: [URL: [URL: ICPDocument?]] = [:]
    /// Texts open in an editor (or read by the caller), over what is on disk.
    private var openDocuments: [URL: ICPDocument] = [:]
    private var openSettings: [URL: WorkspaceDocument] = [:]
    /// Accounts read from elsewhere (``data(over:for:)``), by workspace.
    var otherAccounts: [String: Result<EvaluationData, DatasetFailure>] = [:]
    /// Per group, what every file's check asks of all the others: built once, dropped on a change.
    var indexes = GroupIndexes()

    public init(fileSystem: any FileSystem = LocalFileSystem(), access: DataAccess = DataAccess(),
                clock: @escaping () -> CalendarDate = { .today }, display: @escaping (URL) -> String = { $0.path }) {
        self.fileSystem = fileSystem
        self.clock = clock
        self.display = display
        provider = DatasetProvider(today: clock(), access: access, fileSystem: fileSystem, display: display)
    }

    public var today: CalendarDate { provider.today }

    // MARK: Changes

    /// Reads the clock: a session that runs past midnight uses the new date. True when it changed.
    @discardableResult
    public func tick() -> Bool {
        let now = clock()
        guard now != provider.today else { return false }
        provider.setToday(now)
        return true
    }

    public func configure(_ access: DataAccess) {
        provider.setAccess(access)
    }

    /// An ICP file's text as open in an editor (or as the caller read it); nil: as on disk.
    public func setOpen(_ document: ICPDocument?, at file: URL) {
        openDocuments[file.standardizedFileURL] = document
        indexes.codes.removeAll()
    }

    /// A workspace file's text as open in an editor; nil: as on disk.
    public func setOpenSettings(_ document: WorkspaceDocument?, root: URL) {
        openSettings[root.standardizedFileURL] = document
        provider.forgetEngines()
    }

    /// Workspace or ICP files changed on disk: every lookup is made again.
    public func forgetFiles() {
        roots.removeAll()
        workspaces.removeAll()
        groups.removeAll()
        indexes = GroupIndexes()
        provider.forgetEngines()
    }

    // MARK: Lookup

    /// Whether the workspace governing `file` is known (else ``resolveNow(_:)`` or ``install(_:)`` first).
    public func isResolved(_ file: URL) -> Bool {
        guard let root = roots[Self.folder(of: file)] else { return false }
        return groups[root ?? Self.folder(of: file)] != nil && (root.map { workspaces[$0] != nil } ?? true)
    }

    public func install(_ resolution: WorkspaceResolution) {
        roots.merge(resolution.roots) { _, new in new }
        if let root = resolution.workspace.root { workspaces[root] = (resolution.workspace, resolution.readProblem) }
        groups[resolution.group] = resolution.members
        indexes = GroupIndexes()
    }

    /// Takes in a resolution read again from disk, when it differs from what the session holds:
    /// another ICP file, another text of one, another workspace file. True when it did; a changed
    /// workspace file also drops the engines built with its settings.
    public func takeIn(_ resolution: WorkspaceResolution) -> Bool {
        let known = groups[resolution.group] ?? [:]
        let sameMembers = known.count == resolution.members.count && resolution.members.allSatisfy { url, document in
            known[url].map { $0?.source.text == document?.source.text } ?? false
        }
        let root = resolution.workspace.root
        let sameSettings = root.map { workspaces[$0]?.workspace.source?.text == resolution.workspace.source?.text } ?? true
        guard !sameMembers || !sameSettings else { return false }
        install(resolution)
        if !sameSettings { provider.forgetEngines() }
        return true
    }

    /// Resolves `file`'s workspace from disk now, unless known; the problem reading its workspace file, if any.
    @discardableResult
    public func resolveNow(_ file: URL) -> String? {
        if !isResolved(file) { install(WorkspaceResolution.resolve(for: file, fileSystem: fileSystem)) }
        return roots[Self.folder(of: file)].flatMap { $0 }.flatMap { workspaces[$0]?.readProblem }
    }

    /// The workspace governing `file`, an open workspace file over the one on disk; resolved now if needed.
    public func workspace(for file: URL) -> Workspace {
        resolveNow(file)
        let folder = Self.folder(of: file)
        // A workspace file open beside the file governs it, saved or not.
        if let open = openSettings[folder] { return Workspace(root: folder, document: open, source: nil) }
        guard let root = roots[folder] ?? nil else { return Workspace(root: nil, document: nil, source: nil) }
        if let open = openSettings[root] { return Workspace(root: root, document: open, source: nil) }
        return workspaces[root]?.workspace ?? Workspace(root: root, document: nil, source: nil)
    }

    /// Every ICP file sharing `file`'s workspace (or, with none, its folder) and its code, open
    /// texts over the disk, `file` included.
    public func members(sharingWorkspaceWith file: URL) -> [(file: URL, code: Located<String>)] {
        documents(sharingWorkspaceWith: file).compactMap { url, document in document.icp?.code.map { (url, $0) } }
    }

    /// Every readable ICP file sharing `file`'s workspace (or, with none, its folder), open texts
    /// over the disk (as read when the workspace was looked up), by path.
    public func documents(sharingWorkspaceWith file: URL) -> [(file: URL, document: ICPDocument)] {
        resolveNow(file)
        let key = group(of: file)
        var documents = key.flatMap { groups[$0] } ?? [:]
        for (url, document) in openDocuments where url == file.standardizedFileURL || group(of: url) == key {
            documents[url] = .some(document)
        }
        return documents.compactMap { url, document in document.map { (url, $0) } }.sorted { $0.file.path < $1.file.path }
    }

    /// Every ICP file of every workspace looked up so far, open texts over the disk, by path.
    public func allDocuments() -> [(file: URL, document: ICPDocument)] {
        var documents: [URL: ICPDocument] = [:]
        for group in groups.values { for (url, document) in group { if let document { documents[url] = document } } }
        for (url, document) in openDocuments { documents[url] = document }
        return documents.map { ($0.key, $0.value) }.sorted { $0.file.path < $1.file.path }
    }

    /// Whether an ICP file is at `url`, on disk or open.
    public func hasFile(_ url: URL) -> Bool {
        let url = url.standardizedFileURL
        if openDocuments[url] != nil { return true }
        return groups.values.contains { $0[url] != nil }
    }

    /// `base`, else `base-2`... the first code no ICP file sharing `file`'s workspace uses, open
    /// or on disk, for which `accepts` holds.
    public func freeCode(base: String, near file: URL, accepts: (String) -> Bool = { _ in true }) -> String {
        WorkspaceCodes.free(base: base, taken: Set(members(sharingWorkspaceWith: file).map(\.code.value)), accepts: accepts)
    }

    /// The group `file` belongs to (its workspace folder, or with none its own folder), when known.
    func group(of file: URL) -> URL? {
        roots[Self.folder(of: file)].map { $0 ?? Self.folder(of: file) }
    }

    private static func folder(of file: URL) -> URL {
        file.deletingLastPathComponent().standardizedFileURL
    }

    // MARK: Analysis

    /// Every check of an ICP document at `file`: syntax, schema, the data-free and data-driven
    /// checks, `duplicate-code` across its workspace, and a dataset failure. `readsData`: data
    /// files not read yet are read now (the command line); else they are listed in `waitingFor`
    /// and only the checks that need no data run (the server reads them in the background).
    public func analysis(of document: ICPDocument, at file: URL, readsData: Bool) -> FileAnalysis {
        switch analysisStep(of: document, at: file, readsData: readsData) {
        case .done(let analysis): analysis
        case .pending(let pending): pending.run()
        }
    }

    /// The checks that need no data: syntax, schema, the data-free checks and `duplicate-code`
    /// across the workspace. Reads nothing.
    public func checksWithoutData(of document: ICPDocument, at file: URL) -> [Diagnostic] {
        (document.check(in: workspace(for: file).checkContext(today: today)) + duplicateCode(of: file, code: document.icp?.code)).sortedByPosition()
    }

    /// ``analysis(of:at:readsData:)`` in two steps: what needs the session (lookups, the data
    /// to use) now, and the evaluation, which needs only its data, as a ``PendingAnalysis`` that
    /// can run anywhere (the server runs it off its actor).
    public func analysisStep(of document: ICPDocument, at file: URL, readsData: Bool) -> AnalysisStep {
        let workspace = workspace(for: file)
        let duplicate = duplicateCode(of: file, code: document.icp?.code)
        if !readsData, document.icp != nil {
            let unread = provider.unread(for: document.icp, file: file, workspace: workspace)
            if !unread.isEmpty {
                return .done(FileAnalysis(diagnostics: checksWithoutData(of: document, at: file), waitingFor: unread))
            }
        }
        let check: FileCheck
        switch FileChecker.step(document, file: file, workspace: workspace, provider: provider, today: today, peers: peers(of: document.icp, at: file)) {
        case .data(let stage): return .pending(PendingAnalysis(stage: stage, others: duplicate))
        case .done(let done): check = done
        }
        var diagnostics = check.diagnostics + duplicate
        if let failure = check.failure {
            // A dataset failure shows where its path is given, and on each ICP it leaves without data.
            var finding = FileChecker.diagnostic(for: failure)
            if failure.givenIn != file {
                finding.range = document.icp?.code?.range ?? SourceRange(at: .start)
                finding.message = "The workspace's dataset cannot be read: \(finding.message)"
            }
            diagnostics.append(finding)
        }
        return .done(FileAnalysis(diagnostics: diagnostics.sortedByPosition(), data: check.data, evaluation: check.evaluation, overlap: check.overlap))
    }

    /// Every check of the workspace file in `root` (open text over disk): its text, the columns
    /// and outcome values it names, the setup checks and a dataset failure.
    public func analysis(ofWorkspaceIn root: URL, readsData: Bool) -> FileAnalysis {
        let workspace = workspace(for: root.appendingPathComponent(WorkspaceKey.fileName))
        if !readsData {
            let unread = provider.unread(for: nil, file: nil, workspace: workspace)
            if !unread.isEmpty { return FileAnalysis(diagnostics: workspace.textDiagnostics.sortedByPosition(), waitingFor: unread) }
        }
        return FileAnalysis(diagnostics: FileChecker.check(workspace, provider: provider).sortedByPosition())
    }

    /// A builder's text (a draft, a derivation) checked as the file `file` of its workspace
    /// would be, data checks and `duplicate-code` included: the ICP, or the errors that keep it
    /// from being written. The data must be read already (``data(for:at:)``) or is read now.
    public func checkedNewFile(_ text: String, format: SourceFormat, at file: URL) -> (icp: ICP?, errors: [Diagnostic]) {
        let document = ICPDocument(text: text, format: format)
        let errors = analysis(of: document, at: file, readsData: true).diagnostics.filter { $0.severity == .error }
        return (errors.isEmpty ? document.icp : nil, errors)
    }

    /// The data `icp` at `file` runs on, read now if needed.
    public func data(for icp: ICP, at file: URL) -> Result<EvaluationData, DatasetFailure> {
        provider.data(for: icp, file: file, workspace: workspace(for: file))
    }
}

/// An analysis done, or one whose evaluation is still to run.
public enum AnalysisStep: Sendable {
    case done(FileAnalysis)
    case pending(PendingAnalysis)
}

/// The rest of an analysis: the data checks and the evaluation on data already read. It holds
/// an immutable snapshot of everything it needs (the text, the engine, the other files'
/// findings), so it runs on any thread, and a newer text makes it moot rather than wrong.
public struct PendingAnalysis: Sendable {
    let stage: DataStage
    /// Findings made with the session (`duplicate-code`).
    let others: [Diagnostic]

    public func run() -> FileAnalysis {
        let check = stage.run()
        return FileAnalysis(diagnostics: (check.diagnostics + others).sortedByPosition(), data: check.data, evaluation: check.evaluation, overlap: check.overlap)
    }
}

/// What a session says of one file.
public struct FileAnalysis: Sendable {
    /// In reading order.
    public var diagnostics: [Diagnostic]
    /// The data, when the dataset was readable, and the evaluation when the text also has no
    /// error (the evaluation gate), with its overlap with the workspace's other ICPs.
    public var data: EvaluationData?
    public var evaluation: ICPEvaluation?
    public var overlap: [ICPPreview.OverlapFigures]?
    /// Data files to read before the data-driven checks run: while any, `diagnostics` holds only
    /// the checks that need no data.
    public var waitingFor: [FileLoad] = []

    public init(diagnostics: [Diagnostic], data: EvaluationData? = nil, evaluation: ICPEvaluation? = nil, overlap: [ICPPreview.OverlapFigures]? = nil,
                waitingFor: [FileLoad] = []) {
        self.diagnostics = diagnostics
        self.data = data
        self.evaluation = evaluation
        self.overlap = overlap
        self.waitingFor = waitingFor
    }
}
