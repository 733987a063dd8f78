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
        let run = EvaluationRun.here(workspace.paths, access: workspace.data.access)
        var failures = run.problems
        if run.selection.icpFiles.isEmpty, failures.isEmpty {
            // Nothing printed and exit 0 looked like success: say what was looked for.
            let paths = workspace.paths.isEmpty ? "the current folder" : workspace.paths.joined(separator: ", ")
            failures.append("no ICP files (*.icp.yaml, *.icp.yml, *.icp.json) in \(paths); write one (see `icp draft`) or name its folder.")
        }
        var previews: [ICPPreview] = []
        var changes: [FileHistory.Change?] = []
        var sources: Set<String> = []
        var history = FileHistory()
        var evaluated: [(entry: WorkspaceScoring.Entry, engine: Engine)] = []
        for file in run.files {
            switch file.result {
            case .success(let (data, evaluation)):
                guard let icp = file.document.icp else { continue }
                previews.append(ICPPreview(icp: icp, evaluation: evaluation))
                evaluated.append((WorkspaceScoring.Entry(icp: icp, evaluation: evaluation), data.engine))
                changes.append(await history.lastChange(of: file.url))
                sources.insert(data.datasetName)
            case .failure(let failure):
                failures.append(failure.description)
            }
        }
        Output.errorsOnce(failures)
        for (positions, overlap) in Overlap.byDataset(evaluated) {
            for (index, position) in positions.enumerated() { previews[position].overlap = overlap.figures(of: index) }
        }
        switch format {
        case .json:
            Output.writeData(try Output.json(zip(previews, changes).map { PreviewRow(preview: $0, change: $1) }) + "\n")
        case .text:
            if !previews.isEmpty {
                Output.write(PreviewTable.render(previews, changes: changes))
                Output.note("on \(sources.sorted().joined(separator: ", "))")
            }
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }
}

/// When each ICP file last changed, by git: the last commit that touched it, and whether the
/// working tree changes it since. Nothing outside a repository.
struct FileHistory {
    struct Change: Encodable {
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
struct PreviewRow: Encodable {
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
