import Foundation
import ICPCore

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

    private let today: CalendarDate
    private let selection: FileSelection
    private let provider: DatasetProvider
    private var locator = WorkspaceLocator()
    /// Dataset failures to show on a workspace file, by that file's path.
    private var workspaceFindings: [URL: [Diagnostic]] = [:]

    /// Checks `paths` (files or folders; empty means the current folder) as of `today`,
    /// unless a workspace sets `as_of`. Paths are shown relative to `currentFolder`.
    public static func run(paths: [String], today: CalendarDate, currentFolder: URL, access: DataAccess = DataAccess()) -> CheckRun {
        let selection = FileSelection(paths: paths, currentFolder: currentFolder)
        var run = CheckRun(today: today, selection: selection,
                           provider: DatasetProvider(today: today, access: access, display: selection.display))
        run.check()
        return run
    }

    private init(today: CalendarDate, selection: FileSelection, provider: DatasetProvider) {
        self.today = today
        self.selection = selection
        self.provider = provider
        self.problems = selection.problems
    }

    /// YAML and JSON files in the named folders not read because their names are not ICP file names.
    public var passedOver: [String] { selection.passedOver.map(selection.display) }

    public var errorCount: Int { reports.reduce(0) { $0 + $1.diagnostics.filter { $0.severity == .error }.count } + problems.count }

    private mutating func check() {
        // Group by governing workspace; files with none are grouped by folder.
        var groups: [URL: (root: URL?, files: [URL])] = [:]
        for file in selection.icpFiles {
            let root = locator.workspaceRoot(for: file)
            groups[root ?? file.deletingLastPathComponent(), default: (root, [])].files.append(file)
        }
        var workspaces: [URL: Workspace] = [:]
        let roots = Set(groups.values.compactMap(\.root) + selection.workspaceFiles.map { $0.deletingLastPathComponent() })
        for root in roots {
            let (workspace, problem) = Workspace.load(root: root)
            if let problem { problems.append(problem) }
            workspaces[root] = workspace
        }
        for key in groups.keys.sorted(by: { $0.path < $1.path }) {
            guard let group = groups[key] else { continue }
            checkGroup(group.files, workspace: group.root.flatMap { workspaces[$0] } ?? Workspace.load(root: nil).workspace)
        }
        for (root, workspace) in workspaces {
            let file = root.appendingPathComponent(WorkspaceKey.fileName)
            guard let document = workspace.document else { continue }
            let own = FileChecker.check(workspace, provider: provider)
            let diagnostics = own + (workspaceFindings[file] ?? []).filter { !own.contains($0) }
            if !diagnostics.isEmpty {
                reports.append(FileReport(path: selection.display(file), source: document.source, diagnostics: diagnostics.sortedByPosition()))
            }
        }
        reports.sort { $0.path < $1.path }
    }

    /// Checks the files of one workspace; `duplicate-code` compares each with every ICP file of the workspace (or folder).
    private mutating func checkGroup(_ files: [URL], workspace: Workspace) {
        var documents: [URL: (SourceFile, ICPDocument)] = [:]
        for file in files {
            guard let source = read(file) else { continue }
            documents[file] = (source, ICPDocument(text: source.text, format: SourceFormat(fileName: file.lastPathComponent)))
        }
        // Every file of the group shares one workspace (or folder), so one list of members serves all.
        let members = files.first.map { first in
            WorkspaceCodes.members(sharingWorkspaceWith: first, root: workspace.root, locator: &locator) { documents[$0]?.1 }
        } ?? []
        let duplicates = DuplicateCodeCheck.run(on: members.map { DuplicateCodeCheck.Member(name: selection.display($0.file), code: $0.code) })
        for (file, (source, document)) in documents {
            var diagnostics = (source.encodingDiagnostic.map { [$0] } ?? []) + dataChecked(document, file: file, workspace: workspace)
            if let index = members.firstIndex(where: { $0.file == file }), let duplicate = duplicates[index] { diagnostics.append(duplicate) }
            reports.append(FileReport(path: selection.display(file), source: document.source, diagnostics: diagnostics.sortedByPosition()))
        }
    }

    /// Every check of one document; a dataset failure shows in the file that names the dataset.
    private mutating func dataChecked(_ document: ICPDocument, file: URL, workspace: Workspace) -> [Diagnostic] {
        let check = FileChecker.check(document, file: file, workspace: workspace, provider: provider, today: today)
        guard let failure = check.failure else { return check.diagnostics }
        let finding = FileChecker.diagnostic(for: failure)
        if failure.givenIn == file {
            return check.diagnostics + [finding]
        }
        if let givenIn = failure.givenIn, !(workspaceFindings[givenIn]?.contains(finding) ?? false) {
            workspaceFindings[givenIn, default: []].append(finding)
        }
        return check.diagnostics
    }

    private mutating func read(_ url: URL) -> SourceFile? {
        do {
            return try SourceFile.read(url)
        } catch {
            problems.append("\(selection.display(url)): cannot be read (\(error.localizedDescription))")
            return nil
        }
    }
}
