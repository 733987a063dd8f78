import Foundation
import ICPCore

/// The ICP files named by command-line paths (files, or folders searched recursively).
public struct FileSelection {
    public private(set) var icpFiles: [URL] = []
    /// Workspace files named directly or found at the top of a named folder.
    public private(set) var workspaceFiles: [URL] = []
    /// Paths that do not exist or are not ICP files.
    public private(set) var problems: [String] = []
    /// YAML and JSON files in the named folders that are not named as ICP files, so were not read.
    public private(set) var passedOver: [URL] = []
    /// Where relative paths start and against which paths are shown.
    public let base: URL

    /// Selects from `paths` (empty means `.`) relative to `currentFolder`. `nestedWorkspaces`:
    /// also the workspace files below a named folder's top (`icp fmt` lays them all out).
    public init(paths: [String], currentFolder: URL, nestedWorkspaces: Bool = false) {
        base = URL(fileURLWithPath: currentFolder.standardizedFileURL.path, isDirectory: true)
        for path in paths.isEmpty ? ["."] : paths {
            let url = URL(fileURLWithPath: path, relativeTo: base).standardizedFileURL
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
                problems.append("\(path): no such file or folder")
                continue
            }
            if isFolder.boolValue {
                let found = WorkspaceLocator.scan(url)
                icpFiles += found.icpFiles
                passedOver += found.passedOver
                let workspaceFile = url.appendingPathComponent(WorkspaceKey.fileName)
                if FileManager.default.fileExists(atPath: workspaceFile.path) { workspaceFiles.append(workspaceFile.standardizedFileURL) }
                if nestedWorkspaces { workspaceFiles += Self.workspaceFiles(below: url) }
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
    }

    /// Every `icp.workspace.yaml` in the folder tree, hidden folders and build folders aside.
    static func workspaceFiles(below folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isDirectoryKey], options: [.skipsHiddenFiles]) else { return [] }
        var found: [URL] = []
        for case let url as URL in enumerator {
            if ["node_modules", ".build"].contains(url.lastPathComponent) { enumerator.skipDescendants() }
            if url.lastPathComponent == WorkspaceKey.fileName { found.append(url.standardizedFileURL) }
        }
        return found
    }

    /// The path relative to the current folder when inside it, else absolute.
    public func display(_ url: URL) -> String {
        let prefix = base.path.hasSuffix("/") ? base.path : base.path + "/"
        return url.path.hasPrefix(prefix) ? String(url.path.dropFirst(prefix.count)) : url.path
    }
}
