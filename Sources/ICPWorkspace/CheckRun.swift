import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// The diagnostics of one file, with its text for position conversion.
public struct FileReport: Sendable {
    /// The path as shown to the user.
    public var path: String
    public var source: SourceText
    public var diagnostics: [Diagnostic]
}

/// `icp check`: finds the ICP files under the given paths, reads the workspace file that
/// governs each and the dataset each runs on, and runs every check: syntax and schema,
/// `duplicate-code` across each workspace, and the data-driven checks.
public struct CheckRun {
    /// Reports in path order; a workspace file appears when it has findings.
    public private(set) var reports: [FileReport] = []
    /// Problems that are not about a file's content: a path that does not exist, a file that cannot be read.
    public private(set) var problems: [String] = []

    private let selection: FileSelection
    private let session: WorkspaceSession

    /// Checks `paths` (files or folders; empty means the current folder) as of `today`,
    /// unless a workspace sets `as_of`. Paths are shown relative to `currentFolder`.
    public static func run(paths: [String], today: CalendarDate, currentFolder: URL, access: DataAccess = DataAccess(),
                           fileSystem: any FileSystem = LocalFileSystem()) -> CheckRun {
        let selection = FileSelection(paths: paths, currentFolder: currentFolder, fileSystem: fileSystem)
        return run(selection, session: WorkspaceSession(fileSystem: fileSystem, access: access, clock: { today }, display: selection.display))
    }

    /// Checks `selection` with `session`: a command that evaluated the files already (`icp
    /// report`) asks the same session, which has read them and their data once.
    public static func run(_ selection: FileSelection, session: WorkspaceSession) -> CheckRun {
        var run = CheckRun(selection: selection, session: session)
        run.check()
        return run
    }

    private init(selection: FileSelection, session: WorkspaceSession) {
        self.selection = selection
        self.session = session
        self.problems = selection.problems + (selection.emptiness(countingWorkspaceFiles: true).map { [$0] } ?? [])
    }

    /// YAML and JSON files in the named folders not read because their names are not ICP files.
    public var passedOver: [String] { selection.passedOver.map(selection.display) }
    /// ICP files in the named folders not read because they are symbolic links.
    public var links: [String] { selection.links.map(selection.display) }
    /// Whether the paths held nothing to check (an error among ``problems``).
    public var foundNothing: Bool { selection.emptiness(countingWorkspaceFiles: true) != nil }

    public var errorCount: Int { reports.reduce(0) { $0 + $1.diagnostics.filter { $0.severity == .error }.count } + problems.count }

    private mutating func check() {
        // Each file is read once: the session sees the texts read here, not the disk again.
        var sources: [(URL, SourceFile, ICPDocument)] = []
        for file in selection.icpFiles {
            guard let source = read(file) else { continue }
            let document = ICPDocument(text: source.text, format: SourceFormat(fileName: file.lastPathComponent))
            session.setOpen(document, at: file)
            sources.append((file, source, document))
        }
        var roots = Set(selection.workspaceFiles.map { $0.deletingLastPathComponent().standardizedFileURL })
        for (file, source, document) in sources {
            if let problem = session.resolveNow(file), !problems.contains(problem) { problems.append(problem) }
            if let root = session.workspace(for: file).root { roots.insert(root) }
            let analysis = session.analysis(of: document, at: file, readsData: true)
            let diagnostics = (source.encodingDiagnostic.map { [$0] } ?? []) + analysis.diagnostics
            reports.append(FileReport(path: selection.display(file), source: document.source, diagnostics: diagnostics.sortedByPosition()))
        }
        for root in roots {
            let anchor = root.appendingPathComponent(WorkspaceKey.fileName)
            if let problem = session.resolveNow(anchor), !problems.contains(problem) { problems.append(problem) }
            let workspace = session.workspace(for: anchor)
            guard let document = workspace.document else { continue }
            let diagnostics = session.analysis(ofWorkspaceIn: root, readsData: true).diagnostics
            if !diagnostics.isEmpty {
                reports.append(FileReport(path: selection.display(anchor), source: document.source, diagnostics: diagnostics.sortedByPosition()))
            }
        }
        reports.sort { $0.path < $1.path }
    }

    private mutating func read(_ url: URL) -> SourceFile? {
        do {
            return try session.fileSystem.readSource(url)
        } catch {
            problems.append("\(selection.display(url)): cannot be read (\(error))")
            return nil
        }
    }
}
