import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// One ICP file evaluated on its dataset, or why it could not be.
public struct EvaluatedFile {
    public let url: URL
    /// The path as shown to the user.
    public let path: String
    public let document: ICPDocument
    public let workspace: Workspace
    public let result: Result<(data: EvaluationData, evaluation: ICPEvaluation), EvaluationRun.Failure>
    /// Its overlap with the other ICPs of its workspace on the same data.
    public let overlap: [ICPPreview.OverlapFigures]?
}

/// Evaluates the ICP files under some paths, each on its workspace's dataset: the common
/// ground of `icp preview`, `icp score`, `icp explain`, `icp list` and `icp report`. Each file
/// is analyzed by the session as `icp check` and the editor analyze it, so a file the checks
/// find an error in has no figures here either (the evaluation gate).
public struct EvaluationRun {
    /// Why a file was not evaluated.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public private(set) var files: [EvaluatedFile] = []
    public private(set) var problems: [String]
    public let selection: FileSelection
    /// The session the run asked, for a command to go on asking it.
    public let session: WorkspaceSession

    /// `accounts`: evaluate on that table instead of each workspace's dataset (`icp score --accounts`).
    public static func run(paths: [String], today: CalendarDate, currentFolder: URL, access: DataAccess = DataAccess(),
                           accounts: AccountsSource? = nil, fileSystem: any FileSystem = LocalFileSystem()) -> EvaluationRun {
        let selection = FileSelection(paths: paths, currentFolder: currentFolder, fileSystem: fileSystem)
        let session = WorkspaceSession(fileSystem: fileSystem, access: access, clock: { today }, display: selection.display)
        return EvaluationRun(selection: selection, session: session, accounts: accounts)
    }

    private init(selection: FileSelection, session: WorkspaceSession, accounts: AccountsSource?) {
        self.selection = selection
        self.session = session
        self.problems = selection.problems
        var read: [(URL, SourceFile, ICPDocument)] = []
        for url in selection.icpFiles {
            do {
                let source = try session.fileSystem.readSource(url)
                let document = ICPDocument(text: source.text, format: SourceFormat(fileName: url.lastPathComponent))
                // The session sees the text read here, not the disk again.
                session.setOpen(document, at: url)
                read.append((url, source, document))
            } catch {
                problems.append("\(selection.display(url)): cannot be read (\(error))")
            }
        }
        for (url, source, document) in read {
            if let problem = session.resolveNow(url), !problems.contains(problem) { problems.append(problem) }
            let workspace = session.workspace(for: url)
            let path = selection.display(url)
            var overlap: [ICPPreview.OverlapFigures]?
            let result: Result<(data: EvaluationData, evaluation: ICPEvaluation), Failure>
            if let blocking = FileChecker.blockingError(of: workspace, provider: session.provider) {
                // The same line for every ICP of the workspace, so a front end can say it once.
                result = .failure(Failure(description: "\(blocking.described(display: selection.display)) Fix the workspace file first (`icp check` lists every error)."))
            } else if let accounts {
                result = Self.evaluate(document, source: source, at: url, over: accounts, session: session, path: path)
            } else {
                let analysis = session.analysis(of: document, at: url, readsData: true)
                let errors = analysis.diagnostics.filter { $0.code.blocksEvaluation && $0.severity == .error }.count + (source.encodingDiagnostic == nil ? 0 : 1)
                if errors == 0, let data = analysis.data, let evaluation = analysis.evaluation {
                    result = .success((data, evaluation))
                    overlap = analysis.overlap
                } else if errors == 0, let icp = document.icp, case .failure(let failure) = session.data(for: icp, at: url) {
                    result = .failure(Failure(description: failure.error.description))
                } else {
                    result = .failure(Failure(description: "\(path) has \(max(errors, 1)) error\(errors == 1 ? "" : "s"); run `icp check \(path)` to see them."))
                }
            }
            files.append(EvaluatedFile(url: url, path: path, document: document, workspace: workspace, result: result, overlap: overlap))
        }
    }

    /// A file evaluated on another table (`--accounts`): its text must have no error of the
    /// checks that need no data, and the table every column the ICP uses.
    private static func evaluate(_ document: ICPDocument, source: SourceFile, at url: URL, over accounts: AccountsSource, session: WorkspaceSession,
                                 path: String) -> Result<(data: EvaluationData, evaluation: ICPEvaluation), Failure> {
        let errors = session.checksWithoutData(of: document, at: url).filter { $0.code.blocksEvaluation && $0.severity == .error }.count
            + (source.encodingDiagnostic == nil ? 0 : 1)
        guard let icp = document.icp, errors == 0 else {
            return .failure(Failure(description: "\(path) has \(max(errors, 1)) error\(errors == 1 ? "" : "s"); run `icp check \(path)` to see them."))
        }
        return session.data(over: accounts, for: url)
            .mapError { Failure(description: $0.error.description) }
            .flatMap { data in
                // Another table must have every column the ICP uses (on the workspace's own
                // data, a missing column is an `unknown-field` finding instead).
                let missing = icp.fieldsMissing(from: data.engine.accounts)
                guard missing.isEmpty else {
                    let columns = data.engine.accounts.columnNames.prefix(20).map { "`\($0)`" }.joined(separator: ", ")
                    return .failure(Failure(description: "\(data.datasetName) has no column \(missing.map { "`\($0)`" }.joined(separator: ", ")), which \(path) uses; its columns are \(columns)."))
                }
                return .success((data, data.engine.evaluate(icp)))
            }
    }
}
