import ArgumentParser
import Foundation
import ICPCore
import ICPDataset
import ICPWorkspace

/// Where `icp score` and `icp list` write a file.
enum ScoredOutput {
    /// Writes whole or not at all, never over an input or a file of the workspace (see ``OutputFile``).
    static func write(_ text: String, to url: URL, inputs: [URL]) throws {
        do {
            try OutputFile.write(Data(text.utf8), to: url, protecting: inputs)
        } catch {
            Output.error(error.description)
            throw ExitCode(1)
        }
    }
}
