import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// The ICP files named by command-line paths (files, or folders searched recursively).
public struct FileSelection {
    public private(set) var icpFiles: [URL] = []
    /// Workspace files named directly or found at the top of a named folder.
    public private(set) var workspaceFiles: [URL] = []
    /// Paths that do not exist or are not ICP files.
    public private(set) var problems: [String] = []
    /// YAML and JSON files in the named folders that are not named as ICP files, so were not read.
    public private(set) var passedOver: [URL] = []
    /// ICP files in the named folders that are symbolic links, so were not read.
    public private(set) var links: [URL] = []
    /// Where relative paths start and against which paths are shown.
    public let base: URL
    /// The paths as given (`.` when none were).
    public let paths: [String]

    /// Selects from `paths` (empty means `.`) relative to `currentFolder`. `nestedWorkspaces`:
    /// also the workspace files below a named folder's top (`icp fmt` lays them all out).
    public init(paths: [String], currentFolder: URL, nestedWorkspaces: Bool = false, fileSystem: any FileSystem = LocalFileSystem()) {
        base = URL(fileURLWithPath: currentFolder.standardizedFileURL.path, isDirectory: true)
        self.paths = paths.isEmpty ? ["."] : paths
        for path in self.paths {
            let url = URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL
            guard let isFolder = fileSystem.isFolder(url) else {
                problems.append("\(path): no such file or folder")
                continue
            }
            if isFolder {
                // A folder named through a link is scanned where it leads; its files keep the name given.
                let real = fileSystem.resolvingSymlinks(url).standardizedFileURL
                let named = { (found: URL) in real == url ? found : URL(fileURLWithPath: url.path + found.path.dropFirst(real.path.count)).standardizedFileURL }
                let found = fileSystem.scan(real)
                icpFiles += found.icpFiles.map(named)
                passedOver += found.passedOver.map(named)
                links += found.links.map(named)
                let workspaceFile = url.appendingPathComponent(WorkspaceKey.fileName).standardizedFileURL
                if fileSystem.fileExists(workspaceFile) { workspaceFiles.append(workspaceFile) }
                if nestedWorkspaces { workspaceFiles += found.workspaceFiles.map(named) }
            } else if url.lastPathComponent == WorkspaceKey.fileName {
                workspaceFiles.append(url)
            } else if ICPFileName.isYAMLOrJSON(url.lastPathComponent) {
                // Named directly, a YAML or JSON file is read as an ICP whatever the rest of its name.
                icpFiles.append(url)
            } else {
                problems.append("\(path): not an ICP file (expected a .yaml, .yml or .json file; ICP files are found in folders by the names \(ICPFileName.suffixes.map { "*\($0)" }.joined(separator: ", ")))")
            }
        }
        icpFiles = Array(Set(icpFiles)).sorted { $0.path < $1.path }
        workspaceFiles = Array(Set(workspaceFiles)).sorted { $0.path < $1.path }
        passedOver = Array(Set(passedOver)).sorted { $0.path < $1.path }
        links = Array(Set(links)).sorted { $0.path < $1.path }
    }

    /// Why no ICP file was selected, when none was and every path exists: a command over nothing
    /// that passed would pass vacuously (a CI job on a renamed folder). `countingWorkspaceFiles`:
    /// a workspace file is something selected (`icp check` checks it).
    public func emptiness(countingWorkspaceFiles: Bool) -> String? {
        guard icpFiles.isEmpty, !countingWorkspaceFiles || workspaceFiles.isEmpty, problems.isEmpty else { return nil }
        let skipped = links.isEmpty ? "" : "; \(links.count) symbolic link\(links.count == 1 ? " was" : "s were") not followed (\(links.prefix(3).map(display).joined(separator: ", "))): name a file to read it"
        let places = paths == ["."] ? "the current folder" : paths.joined(separator: ", ")
        return "no ICP files (*.icp.yaml, *.icp.yml, *.icp.json) in \(places)\(skipped)"
    }

    /// The path relative to the current folder when inside it, else absolute.
    public func display(_ url: URL) -> String {
        Self.display(url, from: base)
    }

    /// `url` relative to `folder` when inside it, else absolute: how every command shows paths.
    public static func display(_ url: URL, from folder: URL) -> String {
        let base = folder.standardizedFileURL.path
        let prefix = base.hasSuffix("/") ? base : base + "/"
        return url.path.hasPrefix(prefix) ? String(url.path.dropFirst(prefix.count)) : url.path
    }
}
