import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct OverlapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "overlap",
        abstract: "How the ICPs overlap: shared accounts, and which ICP's code the shared ones get.",
        discussion: """
            For the ICPs of the given files and folders (default: the current folder), on each dataset: a matrix of \
            the accounts each pair qualifies in common (with the Jaccard share: common over either), what each live \
            ICP keeps, and for each pair how many of the other's accounts get this one's code. That count is by the code \
            each account gets in the end, across all the live ICPs at once (lower priority number, then higher score, \
            then code), as icp score stamps it, not pair by pair. Only live ICPs stamp codes; a draft takes nothing.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json
    }

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Output format: table or json.")
    var format: Format = .table

    func run() throws {
        let run = EvaluationRun.here(workspace.paths, access: workspace.data.access)
        var failures = run.problems
        var evaluated: [(entry: WorkspaceScoring.Entry, engine: Engine)] = []
        var datasets: [String] = []
        for file in run.files {
            switch file.result {
            case .success(let (data, evaluation)):
                guard let icp = file.document.icp else { continue }
                evaluated.append((WorkspaceScoring.Entry(icp: icp, evaluation: evaluation), data.engine))
                datasets.append(data.datasetName)
            case .failure(let failure):
                failures.append(failure.description)
            }
        }
        Output.errorsOnce(failures)
        let reports = Overlap.byDataset(evaluated).map { positions, overlap in
            OverlapReport(dataset: datasets[positions[0]], overlap: overlap, statuses: positions.map { evaluated[$0].entry.icp.status.rawValue })
        }
        switch format {
        case .json:
            Output.writeData(try Output.json(reports) + "\n")
        case .table:
            Output.write(reports.map(Self.table).joined(separator: "\n\n"))
        }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    /// The matrix (shared accounts and Jaccard share), then who takes from whom.
    static func table(_ report: OverlapReport) -> String {
        let codes = report.icps.map(\.icp)
        let header = ["ICP", "status", "priority", "qualified", "keeps"] + codes
        let rows = report.icps.enumerated().map { i, row in
            [row.icp, row.status, String(row.priority), CountFormat.grouped(row.qualified), row.kept.map(CountFormat.grouped) ?? "-"] + codes.indices.map { j in
                guard let pair = report.pair(i, j) else { return "·" }
                return "\(CountFormat.grouped(pair.shared)) (\(CountFormat.percent(pair.jaccard, digits: 0)))"
            }
        }
        var lines = [PreviewTable.align([header] + rows), "", "shared accounts (Jaccard: shared over either) · on \(report.dataset)"]
        let byCode = Dictionary(report.icps.map { ($0.icp, $0) }, uniquingKeysWith: { first, _ in first })
        let taken = report.takings
        for pair in taken {
            let other = byCode[pair.other]
            let rule = byCode[pair.icp].map { "priority \($0.priority)" } ?? ""
            lines.append("\(pair.icp) takes \(CountFormat.grouped(pair.takes)) of \(pair.other)'s \(CountFormat.grouped(other?.qualified ?? 0)) accounts (\(rule) vs \(other.map { String($0.priority) } ?? "?"))")
        }
        if taken.isEmpty { lines.append("no ICP takes accounts from another") }
        return lines.joined(separator: "\n")
    }
}
