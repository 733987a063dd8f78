import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPDataset
import ICPWorkspace

/// Where `icp score`, `icp list` and `icp report` write a file.
enum ScoredOutput {
    /// Writes whole or not at all, never over an input, a file of the workspace (see
    /// ``OutputFile``) or a data file that any workspace involved, or any of its ICPs, names.
    static func write(_ text: String, to url: URL, inputs: [URL], session: WorkspaceSession) throws {
        let target = url.standardizedFileURL
        let protected = inputs + session.filesToProtect(around: inputs, target: target)
        do {
            try OutputFile.write(Data(text.utf8), to: target, protecting: protected)
        } catch {
            Output.error(error.description)
            throw ExitCode(1)
        }
    }
}
