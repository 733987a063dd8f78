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
/// governs each, and runs every check, `duplicate-code` across each workspace included.
public struct CheckRun {
    /// Reports in path order; a workspace file appears when it has findings.
    public private(set) var reports: [FileReport] = []
    /// Problems that are not about a file's content: a path that does not exist, a file that cannot be read.
    public private(set) var problems: [String] = []

    private let today: CalendarDate
    private let displayBase: URL
    private var locator = WorkspaceLocator()

    /// Checks `paths` (files or folders; empty means the current folder) as of `today`,
    /// unless a workspace sets `as_of`. Paths are shown relative to `currentFolder`.
    public static func run(paths: [String], today: CalendarDate, currentFolder: URL) -> CheckRun {
        let base = URL(fileURLWithPath: currentFolder.standardizedFileURL.path, isDirectory: true)
        var run = CheckRun(today: today, displayBase: base)
        run.check(paths.isEmpty ? ["."] : paths)
        return run
    }

    private init(today: CalendarDate, displayBase: URL) {
        self.today = today
        self.displayBase = displayBase
    }

    public var errorCount: Int { reports.reduce(0) { $0 + $1.diagnostics.filter { $0.severity == .error }.count } + problems.count }

    private mutating func check(_ paths: [String]) {
        var files: [URL] = []
        var workspaceFiles: [URL] = []
        for path in paths {
            let url = URL(fileURLWithPath: path, relativeTo: displayBase).standardizedFileURL
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                problems.append("\(path): no such file or folder")
                continue
            }
            if isFolder.boolValue {
                files += WorkspaceLocator.icpFiles(under: url)
                let workspaceFile = url.appendingPathComponent(WorkspaceKey.fileName)
                if FileManager.default.fileExists(atPath: workspaceFile.path) { workspaceFiles.append(workspaceFile.standardizedFileURL) }
            } else if url.lastPathComponent == WorkspaceKey.fileName {
                workspaceFiles.append(url)
            } else if ICPFileName.matches(url.lastPathComponent) {
                files.append(url)
            } else {
                problems.append("\(path): not an ICP file (expected a name ending in \(ICPFileName.suffixes.joined(separator: ", ")))")
            }
        }
        files = Array(Set(files)).sorted { $0.path < $1.path }

        // Group by governing workspace; files with none are grouped by folder.
        var groups: [URL: (root: URL?, files: [URL])] = [:]
        for file in files {
            let root = locator.workspaceRoot(for: file)
            let key = root ?? file.deletingLastPathComponent()
            groups[key, default: (root, [])].files.append(file)
        }
        for root in groups.values.compactMap(\.root) {
            workspaceFiles.append(root.appendingPathComponent(WorkspaceKey.fileName).standardizedFileURL)
        }
        var configs: [URL: WorkspaceConfig] = [:]
        for workspaceFile in Array(Set(workspaceFiles)).sorted(by: { $0.path < $1.path }) {
            guard let source = read(workspaceFile) else { continue }
            let document = WorkspaceDocument(text: source.text)
            configs[workspaceFile.deletingLastPathComponent()] = document.config
            let diagnostics = (source.encodingDiagnostic.map { [$0] } ?? []) + document.diagnostics
            if !diagnostics.isEmpty {
                reports.append(FileReport(path: display(workspaceFile), source: document.source, diagnostics: diagnostics))
            }
        }
        for key in groups.keys.sorted(by: { $0.path < $1.path }) {
            guard let group = groups[key] else { continue }
            let config = group.root.flatMap { configs[$0] } ?? WorkspaceConfig()
            checkGroup(group.files, root: group.root, config: config)
        }
        reports.sort { $0.path < $1.path }
    }

    /// Checks the files of one workspace; `duplicate-code` compares them with every ICP file of the workspace.
    private mutating func checkGroup(_ files: [URL], root: URL?, config: WorkspaceConfig) {
        let context = CheckContext(asOf: config.asOf ?? today, thresholds: config.checks)
        var documents: [URL: (SourceFile, ICPDocument)] = [:]
        for file in files {
            guard let source = read(file) else { continue }
            documents[file] = (source, ICPDocument(text: source.text, format: SourceFormat(fileName: file.lastPathComponent)))
        }
        // Members: the files checked, plus the workspace's other ICP files (for codes only).
        var members: [(file: URL, code: Located<String>)] = documents.compactMap { file, entry in
            entry.1.icp?.code.map { (file, $0) }
        }
        if let root {
            for file in WorkspaceLocator.icpFiles(under: root) where documents[file] == nil && locator.workspaceRoot(for: file) == root {
                guard let source = try? SourceFile.read(file),
                      let code = ICPDocument(text: source.text, format: SourceFormat(fileName: file.lastPathComponent)).icp?.code else { continue }
                members.append((file, code))
            }
        }
        members.sort { $0.file.path < $1.file.path }
        let duplicates = DuplicateCodeCheck.run(on: members.map { DuplicateCodeCheck.Member(name: display($0.file), code: $0.code) })
        for (file, (source, document)) in documents {
            var diagnostics = document.check(in: context)
            if let encoding = source.encodingDiagnostic { diagnostics.insert(encoding, at: 0) }
            for (index, member) in members.enumerated() where member.file == file {
                if let duplicate = duplicates[index] { diagnostics.append(duplicate) }
            }
            reports.append(FileReport(path: display(file), source: document.source, diagnostics: diagnostics.sortedByPosition()))
        }
    }

    private mutating func read(_ url: URL) -> SourceFile? {
        do {
            return try SourceFile.read(url)
        } catch {
            problems.append("\(display(url)): cannot be read (\(error.localizedDescription))")
            return nil
        }
    }

    /// The path relative to the current folder when inside it, else absolute.
    private func display(_ url: URL) -> String {
        let base = displayBase.path.hasSuffix("/") ? displayBase.path : displayBase.path + "/"
        return url.path.hasPrefix(base) ? String(url.path.dropFirst(base.count)) : url.path
    }
}
