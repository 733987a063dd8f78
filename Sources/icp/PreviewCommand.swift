import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct PreviewCommand: AsyncParsableCommand {
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

    func run() async throws {
        let previews = await Previews.gather(EvaluationRun.here(workspace.paths, access: workspace.data.access))
        Output.errorsOnce(previews.failures)
        switch format {
        case .json:
            Output.writeData(try Output.json(previews.rows.map(\.listing)) + "\n")
        case .text:
            if !previews.rows.isEmpty {
                Output.write(PreviewTable.render(previews.rows.map(\.preview), changes: previews.rows.map(\.change)))
                let empty = Set(previews.rows.filter { $0.data.engine.accounts.rowCount == 0 }.map(\.data.datasetName))
                Output.note("on \(Set(previews.rows.map(\.data.datasetName)).sorted().map { empty.contains($0) ? "\($0) (no rows: a header only)" : $0 }.joined(separator: ", "))")
            }
        }
        if !previews.failures.isEmpty { throw ExitCode(1) }
    }
}

/// The ICPs of a run with their previews (overlap figures included) and git history: what
/// `icp preview` and `icp report` show.
struct Previews {
    struct Row {
        let file: EvaluatedFile
        let icp: ICP
        let data: EvaluationData
        let evaluation: ICPEvaluation
        /// The object `icp preview --format json` writes.
        let listing: PreviewListing
        var preview: ICPPreview { listing.preview }
        var change: FileHistory.Change? { listing.change }
    }

    var rows: [Row] = []
    var failures: [String]
    /// The overlap of the ICPs on each dataset, with the positions in `rows` it covers.
    var overlaps: [(positions: [Int], overlap: Overlap)] = []

    static func gather(_ run: EvaluationRun) async -> Previews {
        var previews = Previews(failures: run.problems)
        // Nothing printed and exit 0 looked like success: say what was looked for.
        if previews.failures.isEmpty, let emptiness = run.selection.emptiness(countingWorkspaceFiles: false) {
            previews.failures.append(emptiness + "; write one (see `icp draft`) or name its folder.")
        }
        var history = FileHistory()
        for file in run.files {
            switch file.result {
            case .success(let (data, evaluation)):
                guard let icp = file.document.icp, let listing = file.listing(change: await history.lastChange(of: file.url)) else { continue }
                previews.rows.append(Row(file: file, icp: icp, data: data, evaluation: evaluation, listing: listing))
            case .failure(let failure):
                previews.failures.append(failure.description)
            }
        }
        previews.overlaps = Overlap.byDataset(previews.rows.map { (WorkspaceScoring.Entry(icp: $0.icp, evaluation: $0.evaluation), $0.data.engine) })
        return previews
    }
}
