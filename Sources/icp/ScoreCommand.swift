import ArgumentParser
import Foundation
import ICPCore
import ICPWorkspace

struct ScoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Stamp every account with icp_code, icp_score and icp_tier across the live ICPs.",
        discussion: "Among the live ICPs an account qualifies for, the lowest priority wins, then the higher score, then the code in ascending order. Accounts that qualify for none get an empty code, score 0 and no tier. With --out the file is written whole or not at all."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, jsonl
    }

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @Option(help: "Output format: csv (id,icp_code,icp_score,icp_tier) or jsonl.")
    var format: Format = .csv

    func run() throws {
        let run = EvaluationRun.here(workspace.paths, access: workspace.data.access)
        for problem in run.problems { Output.error(problem) }
        var entries: [WorkspaceScoring.Entry] = []
        var engine: Engine?
        var inputs = run.files.map(\.url)
        for file in run.files {
            switch file.result {
            case .failure(let failure):
                Output.error(failure.description)
                throw ExitCode(1)
            case .success(let (data, evaluation)):
                guard let icp = file.document.icp, icp.status == .live else { continue }
                if let engine, engine !== data.engine {
                    Output.error("\(file.path) runs on \(data.datasetName), not on the dataset of the other live ICPs; score one dataset at a time.")
                    throw ExitCode(1)
                }
                engine = data.engine
                inputs += data.files
                entries.append(WorkspaceScoring.Entry(icp: icp, evaluation: evaluation))
            }
        }
        guard let engine else {
            Output.error("no live ICP found (set `status: live` on the ICPs that should assign codes).")
            throw ExitCode(1)
        }
        guard let ids = engine.accounts.column(named: engine.settings.accountIDField) else {
            Output.error("the accounts have no `\(engine.settings.accountIDField)` column to identify them; set keys.account_id in icp.workspace.yaml.")
            throw ExitCode(1)
        }
        let assignments = WorkspaceScoring.assign(entries, rowCount: engine.accounts.rowCount)
        let text = format == .csv ? ScoredOutput.csv(ids: ids, assignments) : try ScoredOutput.jsonLines(ids: ids, assignments)
        if let out {
            try ScoredOutput.write(text, to: URL(fileURLWithPath: out), inputs: inputs)
            let coded = assignments.filter { $0.code != nil }.count
            Output.note("wrote \(CountFormat.grouped(assignments.count)) accounts (\(CountFormat.grouped(coded)) with a code) to \(out)")
        } else {
            Output.writeData(text)
        }
    }
}
