import Foundation
import ICPCore

/// Finds ICP files and the workspace that governs each (format.md, The workspace file: the nearest enclosing folder
/// holding `icp.workspace.yaml`).
public struct WorkspaceLocator {
    private var rootCache: [URL: URL?] = [:]

    public init() {}

    /// The folder of the workspace file governing `file`, or nil when there is none.
    public mutating func workspaceRoot(for file: URL) -> URL? {
        var folder = file.deletingLastPathComponent().standardizedFileURL
        var visited: [URL] = []
        while true {
            if let cached = rootCache[folder] {
                visited.forEach { rootCache[$0] = cached }
                return cached
            }
            visited.append(folder)
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent(WorkspaceKey.fileName).path) {
                visited.forEach { rootCache[$0] = folder }
                return folder
            }
            let parent = folder.deletingLastPathComponent().standardizedFileURL
            if parent.path == folder.path {
                visited.forEach { rootCache[$0] = .some(nil) }
                return nil
            }
            folder = parent
        }
    }

    /// The ICP files under `folder`, recursively, sorted by path; hidden folders, `.build` and
    /// `node_modules` are skipped.
    public static func icpFiles(under folder: URL) -> [URL] {
        scan(folder).icpFiles
    }

    /// The ICP files under `folder`, and the YAML and JSON files there that are not ICP files by
    /// name (nor the workspace file): those are passed over, and a front end says so.
    public static func scan(_ folder: URL) -> (icpFiles: [URL], passedOver: [URL]) {
        let keys: [URLResourceKey] = [.isDirectoryKey, .isRegularFileKey]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else { return ([], []) }
        var files: [URL] = []
        var passedOver: [URL] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: Set(keys))
            if values?.isDirectory == true {
                if ["node_modules", ".build"].contains(url.lastPathComponent) || url.lastPathComponent.hasPrefix(".build") {
                    enumerator.skipDescendants()
                }
                continue
            }
            guard values?.isRegularFile == true else { continue }
            let name = url.lastPathComponent
            if ICPFileName.matches(name) {
                files.append(url.standardizedFileURL)
            } else if ICPFileName.isYAMLOrJSON(name), name != WorkspaceKey.fileName {
                passedOver.append(url.standardizedFileURL)
            }
        }
        let byPath = { (a: URL, b: URL) in a.path < b.path }
        return (icpFiles: files.sorted(by: byPath), passedOver: passedOver.sorted(by: byPath))
    }
}
