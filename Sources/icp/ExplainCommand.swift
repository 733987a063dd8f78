import ArgumentParser
import Foundation
import ICPCore
import ICPWorkspace

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Say why one account does or does not qualify, parameter by parameter."
    )

    @Argument(help: "The ICP file.")
    var file: String

    @Option(help: "The account's key (the workspace's keys.account_id column), or its name.")
    var record: String

    @OptionGroup var data: DataOptions

    func run() throws {
        let run = EvaluationRun.here([file], access: data.access)
        for problem in run.problems { Output.error(problem) }
        guard let evaluated = run.files.first, let icp = evaluated.document.icp else { throw ExitCode(1) }
        let (data, evaluation): (EvaluationData, ICPEvaluation)
        switch evaluated.result {
        case .success(let result): (data, evaluation) = result
        case .failure(let failure):
            Output.error(failure.description)
            throw ExitCode(1)
        }
        let engine = data.engine
        let row: Int
        switch engine.findAccount(record) {
        case .key(let found): row = found
        case .name(let found, let column):
            row = found
            Output.note("found by \(column): \(ExplanationText.label(row, engine: engine))")
        case .notFound(let nearest):
            let suggestion = nearest.map { "; did you mean \(ExplanationText.label($0, engine: engine))?" } ?? ""
            let byName = engine.nameColumn.map { " or \($0.name)" } ?? ""
            Output.error("no account has \(engine.settings.accountIDField)\(byName) `\(record)` in \(data.datasetName)\(suggestion)")
            throw ExitCode(1)
        }
        let explanation = RecordExplanation(icp: icp, evaluation: evaluation, accounts: engine.accounts, row: row, asOf: engine.settings.asOf)
        // The key as the data holds it (the lookup ignores case and surrounding spaces).
        let stored = engine.accounts.column(named: engine.settings.accountIDField)?.text(atRow: row) ?? record
        Output.write(ExplanationText.render(explanation, record: stored, icp: icp))
    }
}

enum ExplanationText {
    /// `` `/organization/angellist` (AngelList) ``: the key, and the name when there is a name column.
    static func label(_ row: Int, engine: Engine) -> String {
        let key = engine.accounts.column(named: engine.settings.accountIDField)?.text(atRow: row) ?? "row \(row + 1)"
        let name = engine.nameColumn?.text(atRow: row)
        return "`\(key)`" + (name.map { " (\($0))" } ?? "")
    }

    static func render(_ explanation: RecordExplanation, record: String, icp: ICP) -> String {
        var lines = ["\(record) \(explanation.qualifies ? "qualifies" : "does not qualify") for \(icp.code?.value ?? "") (\(icp.displayName))", ""]
        let rows = explanation.steps.map { step -> [String] in
            let mark = step.blocks ? "✗" : (step.matched ? "✓" : "·")
            let mode = step.mode == .score ? "score ×\(CountFormat.plain(step.weight))" : step.mode.rawValue
            return [mark, mode, "\(step.field) \(step.wanted)", "value: \(step.value ?? "missing")", step.verdict]
        }
        lines.append(PreviewTable.align(rows))
        lines.append("")
        let score = CountFormat.decimal(ScoreMath.rounded(explanation.score), digits: 1)
        let reached = ScoreMath.reaches(explanation.score, explanation.minScore)
        let blocking = explanation.steps.filter(\.blocks)
        // The words of `icp score`: an account that does not qualify scores 0 there.
        let scores = explanation.steps.contains { $0.mode == .score }
        var summary = explanation.qualifies ? "score \(score) of 100"
            : "score 0: it does not qualify" + (scores ? " (its score parameters would give \(score) of 100)" : "")
        if explanation.minScore > 0 {
            summary += " (min_score \(CountFormat.plain(explanation.minScore))\(reached ? "" : ": not reached"))"
        }
        if let tier = explanation.tier { summary += ", tier \(tier)" }
        lines.append(summary)
        if !explanation.qualifies {
            var needs = blocking.map { step in
                "\(step.mode == .exclude ? "not " : "")\(step.field) \(step.wanted) (it has \(step.value ?? "nothing"))"
            }
            if !reached { needs.append("a score of \(CountFormat.plain(explanation.minScore)): more score parameters matched") }
            lines.append("")
            lines.append("To qualify it would need:")
            lines += needs.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
