import ArgumentParser
import Foundation
import ICPCore
import ICPWorkspace

struct PreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show the qualification table: one row per ICP, with counts from its dataset.",
        discussion: "Evaluates the given ICP files and folders (default: the current folder) on their workspace's dataset, or on the built-in sample when none is named."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Output format: text (a table) or json (the fields of Documentation/format.md).")
    var format: Format = .text

    func run() throws {
        let run = EvaluationRun.here(workspace.paths, access: workspace.data.access)
        var failures = run.problems
        if run.selection.icpFiles.isEmpty, failures.isEmpty {
            // Nothing printed and exit 0 looked like success: say what was looked for.
            let paths = workspace.paths.isEmpty ? "the current folder" : workspace.paths.joined(separator: ", ")
            failures.append("no ICP files (*.icp.yaml, *.icp.yml, *.icp.json) in \(paths); write one (see `icp draft`) or name its folder.")
        }
        var previews: [ICPPreview] = []
        var sources: Set<String> = []
        for file in run.files {
            switch file.result {
            case .success(let (data, evaluation)):
                guard let icp = file.document.icp else { continue }
                previews.append(ICPPreview(icp: icp, evaluation: evaluation))
                sources.insert(data.datasetName)
            case .failure(let failure):
                failures.append(failure.description)
            }
        }
        Output.errorsOnce(failures)
        switch format {
        case .json:
            Output.writeData(try Output.json(previews) + "\n")
        case .text:
            if !previews.isEmpty {
                Output.write(PreviewTable.render(previews))
                Output.note("on \(sources.sorted().joined(separator: ", "))")
            }
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}
