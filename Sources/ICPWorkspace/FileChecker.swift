import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// Every check of one ICP document, the data-driven ones when its dataset can be read: what
/// `icp check` reports for a file and what the language server publishes for it.
public struct FileCheck: Sendable {
    /// Syntax, schema, data-free and data-driven diagnostics (not `duplicate-code` across files).
    public var diagnostics: [Diagnostic]
    /// The data and the evaluation, when the dataset was readable and the text has no error
    /// (the evaluation gate: architecture.md, The analysis layer).
    public var data: EvaluationData?
    public var evaluation: ICPEvaluation?
    /// Its overlap with the other ICPs of its workspace on the same data, with the evaluation.
    public var overlap: [ICPPreview.OverlapFigures]?
    /// Why the dataset could not be used.
    public var failure: DatasetFailure?
}

/// The part of a file's checks that works on its data (the data checks, the evaluation, the
/// counts): it holds everything it needs, so it runs anywhere, off the server's actor too.
public struct DataStage: Sendable {
    public let document: ICPDocument
    let icp: ICP
    public let data: EvaluationData
    let thresholds: CheckThresholds
    /// The ICPs of the workspace on the same data, for `shadowed` and the overlap figures.
    var peers = Peers()

    public func run() -> FileCheck {
        let engine = data.engine
        let context = CheckContext(asOf: engine.settings.asOf, thresholds: thresholds, missingPolicy: engine.settings.missingPolicy)
        var diagnostics = document.check(in: context)
        diagnostics += DataChecks.fieldsAndValues(of: icp, engine: engine, datasetName: data.datasetName)
        diagnostics += SetupChecks.parameters(of: icp, engine: engine)
        // The evaluation gate: a text with an error has no figures (a broken parameter would be
        // measured as absent); a front end may show its last valid version's, said to be so.
        guard document.tree.isComplete, !diagnostics.contains(where: { $0.severity == .error && $0.code.blocksEvaluation }) else {
            return FileCheck(diagnostics: diagnostics, data: data)
        }
        // A newer text (the task cancelled) stops the evaluation between parameters: its result would be dropped.
        guard let evaluation = engine.evaluateUnlessCancelled(icp) else { return FileCheck(diagnostics: diagnostics, data: data) }
        diagnostics += DataChecks.counts(of: icp, evaluation: evaluation, accounts: engine.accounts, thresholds: context.thresholds)
        let figures = peers.figures(of: icp, evaluation: evaluation, engine: engine)
        if let ranking = figures.ranking, icp.status == .live,
           let shadowed = DataChecks.shadowed(icp, evaluation: evaluation, ranking: ranking, excluding: figures.ownRanked, thresholds: context.thresholds) {
            diagnostics.append(shadowed)
        }
        return FileCheck(diagnostics: diagnostics, data: data, evaluation: evaluation, overlap: figures.overlap.isEmpty ? nil : figures.overlap)
    }
}

public enum FileChecker {
    /// A file's checks up to its data: done when there is no data to check against (no ICP, a
    /// workspace error, an unreadable dataset), else the data stage still to run.
    public enum Step: Sendable {
        case done(FileCheck)
        case data(DataStage)
    }

    /// `peers`: the workspace's ICPs on the same data, which may share and take its accounts.
    public static func step(_ document: ICPDocument, file: URL, workspace: Workspace, provider: DatasetProvider, today: CalendarDate, peers: Peers = Peers()) -> Step {
        guard let icp = document.icp else {
            return .done(FileCheck(diagnostics: document.check(in: workspace.checkContext(today: today))))
        }
        if let blocking = blockingError(of: workspace, provider: provider) {
            let anchor = icp.code?.range ?? SourceRange(at: .start)
            let location = blocking.described { $0.lastPathComponent }
            let finding = Diagnostic(.dataset, anchor, "The workspace file has an error, so the data this ICP runs on is unknown (\(location)). Data checks are skipped until it is fixed.")
            return .done(FileCheck(diagnostics: document.check(in: workspace.checkContext(today: today)) + [finding]))
        }
        switch provider.data(for: icp, file: file, workspace: workspace) {
        case .success(let data):
            return .data(DataStage(document: document, icp: icp, data: data, thresholds: workspace.config.checks, peers: peers))
        case .failure(let failure):
            return .done(FileCheck(diagnostics: document.check(in: workspace.checkContext(today: today)), failure: failure))
        }
    }

    public static func check(_ document: ICPDocument, file: URL, workspace: Workspace, provider: DatasetProvider, today: CalendarDate) -> FileCheck {
        switch step(document, file: file, workspace: workspace, provider: provider, today: today) {
        case .done(let check): check
        case .data(let stage): stage.run()
        }
    }

    /// Everything wrong with a workspace file: its text (syntax, schema), the columns and outcome
    /// values it names that its data lacks, and a dataset that cannot be read.
    public static func check(_ workspace: Workspace, provider: DatasetProvider) -> [Diagnostic] {
        let text = workspace.textDiagnostics
        guard workspace.textErrors.isEmpty, let loaded = provider.data(for: workspace) else { return text }
        switch loaded {
        case .success(let data):
            return text + WorkspaceChecks.run(on: workspace.config, engine: data.engine, accountsName: data.datasetName)
                + SetupChecks.workspace(workspace.config, engine: data.engine, accountsName: data.datasetName)
                + ReadingChecks.workspace(workspace.config, engine: data.engine)
        case .failure(let failure): return text + [diagnostic(for: failure)]
        }
    }

    /// The first error of the workspace file that leaves its ICPs' data unknown.
    public struct BlockingError: Sendable {
        public let diagnostic: Diagnostic
        public let file: URL
        /// 1-based line and character column, as `icp check` prints them.
        public let line: Int
        public let column: Int

        /// `path:line:column: message`, with the file shown by `display`.
        public func described(display: (URL) -> String) -> String {
            "\(display(file)):\(line):\(column): \(diagnostic.message)"
        }
    }

    public static func blockingError(of workspace: Workspace, provider: DatasetProvider) -> BlockingError? {
        guard let file = workspace.file else { return nil }
        if let problem = workspace.readProblem {
            return BlockingError(diagnostic: Diagnostic(.dataset, SourceRange(at: .start), problem), file: file, line: 1, column: 1)
        }
        // A dataset that cannot be read is not the file's error: each ICP reports it where its path is given.
        let errors = workspace.textErrors.isEmpty
            ? check(workspace, provider: provider).filter { $0.severity == .error && $0.code != .dataset }
            : workspace.textErrors
        guard let first = errors.sortedByPosition().first else { return nil }
        let column = workspace.document.map { $0.source.column(of: first.range.start, in: .unicodeScalars) + 1 } ?? 1
        return BlockingError(diagnostic: first, file: file, line: first.range.start.line + 1, column: column)
    }

    /// The `dataset` diagnostic of a failure, placed where the path is given.
    public static func diagnostic(for failure: DatasetFailure) -> Diagnostic {
        Diagnostic(.dataset, failure.range ?? SourceRange(at: .start), "\(failure.error.description) Data checks are skipped until it can be read.")
    }
}
