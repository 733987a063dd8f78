import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
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
        let (_, icp, data, evaluation, _) = try EvaluationRun.one(file, access: data.access)
        let engine = data.engine
        let row: Int
        switch engine.findAccount(record) {
        case .key(let found): row = found
        case .name(let found, let column):
            row = found
            Output.note("found by \(column): \(engine.accountLabel(row))")
        case .ambiguous(let rows, let column):
            Output.error(engine.accountsAmbiguous(record, rows: rows, column: column))
            throw ExitCode(1)
        case .notFound(let nearest):
            Output.error(engine.accountNotFound(record, nearest: nearest, datasetName: data.datasetName))
            throw ExitCode(1)
        }
        let explanation = RecordExplanation(icp: icp, evaluation: evaluation, accounts: engine.accounts, row: row, asOf: engine.settings.asOf)
        // The key as the data holds it (the lookup ignores case and surrounding spaces).
        let stored = engine.accounts.column(named: engine.settings.accountIDField)?.text(atRow: row) ?? record
        Output.write(ExplanationText.render(explanation, record: stored, icp: icp))
    }
}

enum ExplanationText {
    static func render(_ explanation: RecordExplanation, record: String, icp: ICP) -> String {
        var lines = ["\(record) \(explanation.qualifies ? "qualifies" : "does not qualify") for \(icp.code?.value ?? "") (\(icp.displayName))", ""]
        let rows = explanation.steps.map { step -> [String] in
            let mark = step.blocks ? "✗" : (step.matched ? "✓" : "·")
            let mode = step.mode == .score ? "score ×\(CountFormat.plain(step.weight))" : step.mode.rawValue
            return [mark, mode, "\(step.field) \(step.wanted)", "value: \(step.value ?? "missing")", step.verdict]
        }
        lines.append(PreviewTable.align(rows))
        lines.append("")
        lines.append(explanation.summary)
        if !explanation.needs.isEmpty {
            lines.append("")
            lines.append("To qualify it would need:")
            lines += explanation.needs.map { "  \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
