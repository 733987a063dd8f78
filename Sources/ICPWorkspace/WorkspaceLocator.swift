import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// Finds the workspace that governs each ICP file (format.md, The workspace file: the nearest
/// enclosing folder holding `icp.workspace.yaml`), remembering each folder's answer.
public struct WorkspaceLocator {
    private let fileSystem: any FileSystem
    private var rootCache: [URL: URL?] = [:]

    public init(fileSystem: any FileSystem = LocalFileSystem()) {
        self.fileSystem = fileSystem
    }

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
            if fileSystem.fileExists(folder.appendingPathComponent(WorkspaceKey.fileName)) {
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

    /// The answer for `file`'s folder when it is known, without looking at any file.
    public func knownRoot(for file: URL) -> URL?? {
        rootCache[file.deletingLastPathComponent().standardizedFileURL]
    }

    /// The ICP files under `folder` (recursively; hidden folders, `.build` and `node_modules`
    /// skipped), and the YAML and JSON files there that are not ICP files by name (nor the
    /// workspace file): those are passed over, and a front end says so.
    public static func scan(_ folder: URL) -> FolderScan {
        LocalFileSystem().scan(folder)
    }
}
