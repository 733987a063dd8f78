import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset

/// The settings that govern a set of ICP files: an `icp.workspace.yaml`, or none.
public struct Workspace: Sendable {
    /// The folder holding the workspace file; nil when no workspace file governs the files.
    public let root: URL?
    /// The parsed workspace file, when there is one.
    public let document: WorkspaceDocument?
    public let source: SourceFile?
    /// Why the workspace file could not be read, when it could not.
    public let readProblem: String?

    public init(root: URL?, document: WorkspaceDocument?, source: SourceFile?, readProblem: String? = nil) {
        self.root = root
        self.document = document
        self.source = source
        self.readProblem = readProblem
    }

    /// The workspace file's path, when there is one.
    public var file: URL? { root?.appendingPathComponent(WorkspaceKey.fileName) }

    /// The findings on the workspace file's text: not valid UTF-8, syntax, schema.
    public var textDiagnostics: [Diagnostic] {
        (source?.encodingDiagnostic.map { [$0] } ?? []) + (document?.diagnostics ?? [])
    }

    /// The errors among them. While there is one, the datasets and settings the file means are
    /// unknown, so no ICP it governs is evaluated.
    public var textErrors: [Diagnostic] { textDiagnostics.filter { $0.severity == .error } }

    public var config: WorkspaceConfig { document?.config ?? WorkspaceConfig() }

    /// Reads the workspace file in `root` (nil: no workspace). A file that cannot be read acts as
    /// an empty one; `readProblem` says why.
    public static func load(root: URL?, fileSystem: any FileSystem = LocalFileSystem()) -> (workspace: Workspace, readProblem: String?) {
        guard let root else { return (Workspace(root: nil, document: nil, source: nil), nil) }
        let file = root.appendingPathComponent(WorkspaceKey.fileName)
        do {
            let source = try fileSystem.readSource(file)
            return (Workspace(root: root, document: WorkspaceDocument(text: source.text), source: source), nil)
        } catch {
            let problem = "\(file.path): cannot be read (\(error))"
            return (Workspace(root: root, document: nil, source: nil, readProblem: problem), problem)
        }
    }

    /// Whether ICPs here without their own `dataset` run on the built-in sample.
    public var usesSample: Bool { config.accounts == nil }

    /// The check thresholds and date for checks that run without data: `as_of`, or `today`.
    public func checkContext(today: CalendarDate) -> CheckContext {
        CheckContext(asOf: config.asOf ?? today, thresholds: config.checks, missingPolicy: config.missingPolicy)
    }
}
