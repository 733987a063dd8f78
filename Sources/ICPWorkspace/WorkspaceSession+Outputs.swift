import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

extension WorkspaceSession {
    /// The files an output written at `target` must never replace, besides the run's inputs:
    /// every data file named by the workspaces of `files` and of `target` itself (their
    /// workspace files' `datasets`, and the `dataset` of each of their ICP files, open or not).
    public func filesToProtect(around files: [URL], target: URL) -> [URL] {
        var protected: [URL] = []
        var seen = Set<URL>()
        for file in files + [target] {
            let workspace = workspace(for: file)
            guard seen.insert(workspace.root ?? file.deletingLastPathComponent().standardizedFileURL).inserted else { continue }
            let icps = documents(sharingWorkspaceWith: file).compactMap { member in member.document.icp.map { (member.file, $0) } }
            protected += DatasetProvider.namedFiles(of: workspace, icps: icps)
        }
        return protected
    }
}
