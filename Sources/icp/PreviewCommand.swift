import ArgumentParser
import Foundation
import ICPCore
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
                Output.note("on \(Set(previews.rows.map(\.data.datasetName)).sorted().joined(separator: ", "))")
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
        var preview: ICPPreview
        let change: FileHistory.Change?

        /// The object `icp preview --format json` writes.
        var listing: PreviewRow { PreviewRow(preview: preview, change: change) }
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
                guard let icp = file.document.icp else { continue }
                previews.rows.append(Row(file: file, icp: icp, data: data, evaluation: evaluation,
                                         preview: ICPPreview(icp: icp, evaluation: evaluation), change: await history.lastChange(of: file.url)))
            case .failure(let failure):
                previews.failures.append(failure.description)
            }
        }
        previews.overlaps = Overlap.byDataset(previews.rows.map { (WorkspaceScoring.Entry(icp: $0.icp, evaluation: $0.evaluation), $0.data.engine) })
        for (positions, overlap) in previews.overlaps {
            for (index, position) in positions.enumerated() { previews.rows[position].preview.overlap = overlap.figures(of: index) }
        }
        return previews
    }
}

/// When each ICP file last changed, by git: the last commit that touched it, and whether the
/// working tree changes it since. Nothing outside a repository.
struct FileHistory {
    struct Change: Encodable, Sendable {
        let date: String
        let author: String
        let commit: String
        /// The working tree changes the file since that commit.
        let uncommitted: Bool

        /// `2026-10-15` or `modified, not committed`.
        var modified: String { uncommitted ? "modified, not committed" : date }
    }

    private var repositories: [URL: GitRepository?] = [:]

    mutating func lastChange(of file: URL) async -> Change? {
        let folder = file.deletingLastPathComponent()
        if repositories[folder] == nil { repositories[folder] = .some(try? await GitRepository.containing(folder)) }
        guard let repository = repositories[folder] ?? nil else { return nil }
        guard let (commit, modified) = await repository.lastChange(of: file) else {
            return Change(date: "", author: "", commit: "", uncommitted: true)
        }
        return Change(date: commit.date, author: commit.author, commit: commit.hash, uncommitted: modified)
    }
}

/// `icp preview --format json`'s object: the preview's fields, and `last_modified`.
struct PreviewRow: Encodable, Sendable {
    let preview: ICPPreview
    let change: FileHistory.Change?

    private enum Keys: String, CodingKey {
        case last_modified
    }

    func encode(to encoder: any Encoder) throws {
        try preview.encode(to: encoder)
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(EncodedAsNull(wrappedValue: change), forKey: .last_modified)
    }
}
