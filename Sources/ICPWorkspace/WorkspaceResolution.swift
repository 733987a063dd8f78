import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// What a session learns from disk about the workspace governing a file, gathered anywhere (the
/// language server gathers it off its actor): the root, the settings file, and every ICP file
/// sharing it with its code, open or not (`duplicate-code` and new codes need them all).
public struct WorkspaceResolution: Sendable {
    /// The folders looked at on the way up, each with the root governing it (nil: none).
    public let roots: [URL: URL?]
    /// The workspace as on disk (none: `root` nil).
    public let workspace: Workspace
    /// Why the workspace file could not be read, when it could not.
    public let readProblem: String?
    /// The group: the workspace's ICP files, or with no workspace the folder's.
    public let group: URL
    /// Each ICP file of the group as on disk (nil: it could not be read): its code for
    /// `duplicate-code` and new codes, its parameters for references and definitions.
    public let members: [URL: ICPDocument?]

    /// Looks `file` up: walks up to the nearest `icp.workspace.yaml`, reads it, and reads the
    /// code of every ICP file it governs (with none, of every ICP file in `file`'s folder).
    public static func resolve(for file: URL, fileSystem: any FileSystem) -> WorkspaceResolution {
        var locator = WorkspaceLocator(fileSystem: fileSystem)
        let root = locator.workspaceRoot(for: file)
        let (workspace, problem) = Workspace.load(root: root, fileSystem: fileSystem)
        let folder = file.deletingLastPathComponent().standardizedFileURL
        let candidates = root.map { root in fileSystem.scan(root).icpFiles.filter { locator.workspaceRoot(for: $0) == root } }
            ?? fileSystem.icpFiles(in: folder)
        var members: [URL: ICPDocument?] = [:]
        for member in candidates {
            members[member.standardizedFileURL] = .some((try? fileSystem.readSource(member)).map { ICPDocument(text: $0.text, format: SourceFormat(fileName: member.lastPathComponent)) })
        }
        var roots: [URL: URL?] = [folder: root]
        for member in candidates { roots[member.deletingLastPathComponent().standardizedFileURL] = .some(locator.workspaceRoot(for: member)) }
        return WorkspaceResolution(roots: roots, workspace: workspace, readProblem: problem, group: root ?? folder, members: members)
    }
}
