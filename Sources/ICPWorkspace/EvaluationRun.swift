import Foundation
import ICPCore

/// One ICP file evaluated on its dataset, or why it could not be.
public struct EvaluatedFile {
    public let url: URL
    /// The path as shown to the user.
    public let path: String
    public let document: ICPDocument
    public let workspace: Workspace
    public let result: Result<(data: EvaluationData, evaluation: ICPEvaluation), EvaluationRun.Failure>
}

/// Evaluates the ICP files under some paths, each on its workspace's dataset: the common
/// ground of `icp preview`, `icp score` and `icp explain`.
public struct EvaluationRun {
    /// Why a file was not evaluated.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public private(set) var files: [EvaluatedFile] = []
    public private(set) var problems: [String]
    public let selection: FileSelection

    /// `accounts`: evaluate on that table instead of each workspace's dataset (`icp score --accounts`).
    public static func run(paths: [String], today: CalendarDate, currentFolder: URL, access: DataAccess = DataAccess(),
                           accounts: AccountsSource? = nil) -> EvaluationRun {
        EvaluationRun(selection: FileSelection(paths: paths, currentFolder: currentFolder), today: today, access: access, accounts: accounts)
    }

    private init(selection: FileSelection, today: CalendarDate, access: DataAccess, accounts: AccountsSource?) {
        self.selection = selection
        self.problems = selection.problems
        let session = WorkspaceSession(access: access, clock: { today }, display: selection.display)
        for url in selection.icpFiles {
            if let problem = session.resolveNow(url), !problems.contains(problem) { problems.append(problem) }
            let workspace = session.workspace(for: url)
            let path = selection.display(url)
            let source: SourceFile
            do {
                source = try session.fileSystem.readSource(url)
            } catch {
                problems.append("\(path): cannot be read (\(error.localizedDescription))")
                continue
            }
            let document = ICPDocument(text: source.text, format: SourceFormat(fileName: url.lastPathComponent))
            // The data-free checks too, so the count is the one `icp check` gives for the file.
            let errors = document.check(in: workspace.checkContext(today: today)).filter { $0.severity == .error }.count + (source.encodingDiagnostic == nil ? 0 : 1)
            let result: Result<(data: EvaluationData, evaluation: ICPEvaluation), Failure>
            if let blocking = FileChecker.blockingError(of: workspace, provider: session.provider) {
                // The same line for every ICP of the workspace, so a front end can say it once.
                result = .failure(Failure(description: "\(blocking.described(display: selection.display)) Fix the workspace file first (`icp check` lists every error)."))
            } else if let icp = document.icp, errors == 0 {
                result = (accounts.map { session.data(over: $0, for: url) } ?? session.data(for: icp, at: url))
                    .mapError { Failure(description: $0.error.description) }
                    .flatMap { data in
                        // Another table must have every column the ICP uses (on the workspace's own
                        // data, a missing column is an `unknown-field` finding instead).
                        let missing = accounts == nil ? [] : icp.fieldsMissing(from: data.engine.accounts)
                        guard missing.isEmpty else {
                            let columns = data.engine.accounts.columnNames.prefix(20).map { "`\($0)`" }.joined(separator: ", ")
                            return .failure(Failure(description: "\(data.datasetName) has no column \(missing.map { "`\($0)`" }.joined(separator: ", ")), which \(path) uses; its columns are \(columns)."))
                        }
                        return .success((data, data.engine.evaluate(icp)))
                    }
            } else {
                result = .failure(Failure(description: "\(path) has \(max(errors, 1)) error\(errors == 1 ? "" : "s"); run `icp check \(path)` to see them."))
            }
            files.append(EvaluatedFile(url: url, path: path, document: document, workspace: workspace, result: result))
        }
    }
}
