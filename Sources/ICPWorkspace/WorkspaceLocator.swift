import Foundation
import ICPCore

/// Finds ICP files and the workspace that governs each (SPEC §4: the nearest enclosing folder
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
        let keys: [URLResourceKey] = [.isDirectoryKey, .isRegularFileKey]
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles]) else { return [] }
        var files: [URL] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: Set(keys))
            if values?.isDirectory == true {
                if ["node_modules", ".build"].contains(url.lastPathComponent) || url.lastPathComponent.hasPrefix(".build") {
                    enumerator.skipDescendants()
                }
                continue
            }
            if values?.isRegularFile == true, ICPFileName.matches(url.lastPathComponent) {
                files.append(url.standardizedFileURL)
            }
        }
        return files.sorted { $0.path < $1.path }
    }
}
