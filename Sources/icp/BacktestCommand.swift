import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Measure ICPs on won and lost deals: win rate, won coverage, lift and the score's ROC AUC.",
        discussion: """
            Only accounts with a decided outcome count (won or lost; churned counts as lost unless --churned ignore). \
            --split DATE measures on accounts created on or after DATE (keys.created); --holdout F measures on a seeded \
            share F of the accounts, the same share for the same data and seed. Each figure comes with its account count; \
            fewer than 30 decided accounts, or fewer than 5 won or lost, is said to be too few. See Documentation/backtest.md.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    enum Churned: String, ExpressibleByArgument, CaseIterable {
        case lost, ignore
    }

    @OptionGroup var workspace: WorkspaceOptions

    @Option(help: "Measure on accounts created on or after this date (YYYY-MM-DD).")
    var split: String?

    @Option(parsing: .unconditional, help: "Measure on this share (0 to 1) of the accounts, picked by their key and --seed.")
    var holdout: Double?

    @Option(parsing: .unconditional, help: "The seed of --holdout.")
    var seed: UInt64 = 1

    @Option(help: "Churned accounts count as lost, or are left out.")
    var churned: Churned = .lost

    @Option(help: "Output format: text (a table) or json.")
    var format: Format = .text

    func run() throws {
        let chosen = try splitChosen()
        let run = EvaluationRun.here(workspace.paths, access: workspace.data.access)
        var failures = run.problems
        var rows: [(icp: ICP, result: BacktestResult)] = []
        var inSample: [String] = []
        for file in run.files {
            switch file.result {
            case .failure(let failure): failures.append(failure.description)
            case .success(let (data, evaluation)):
                guard let icp = file.document.icp else { continue }
                guard let result = data.engine.backtest(evaluation, split: chosen, churnedAsLost: churned == .lost) else {
                    failures.append("\(file.path): the workspace names no outcome column (outcome.field in icp.workspace.yaml), so there is nothing to backtest against.")
                    continue
                }
                rows.append((icp, result))
                if let warning = Self.inSampleWarning(DerivedICPText.provenance(of: file.document.source.text), split: chosen) {
                    inSample.append("\(icp.code?.value ?? file.path): \(warning)")
                }
            }
        }
        Output.errorsOnce(failures)
        switch format {
        case .json: Output.writeData(try Output.json(rows.map { BacktestRow(icp: $0.icp, result: $0.result, split: chosen) }) + "\n")
        case .text: if !rows.isEmpty { Output.write(Self.table(rows)) }
        }
        if !inSample.isEmpty { Output.note(inSample.joined(separator: "\n")) }
        if !failures.isEmpty { throw ExitCode(1) }
    }

    /// Why a backtest of a derived file measures the accounts it was learned from, with the
    /// options that measure it on others; nil when the file was not derived or the split is its held-out share.
    static func inSampleWarning(_ provenance: DerivedICPText.Provenance?, split: BacktestSplit) -> String? {
        switch (provenance, split) {
        case (nil, _):
            return nil
        case (.heldOut(let fraction, let seed)?, .holdout(let measured, let measuredSeed)) where measuredSeed == seed && abs(measured - fraction) < 0.005:
            return nil
        case (.heldOut(let fraction, let seed)?, _):
            return "derived with \(CountFormat.percent(fraction, digits: 0)) held out (seed \(seed)): this run includes the accounts it was learned from (in-sample); `--holdout \(CountFormat.plain(fraction)) --seed \(seed)` measures it on the held-out ones"
        case (.allAccounts?, _):
            return "derived from every decided account: this backtest is in-sample; derive it again with --validate and backtest with its --holdout and --seed"
        }
    }

    private func splitChosen() throws -> BacktestSplit {
        switch (split, holdout) {
        case (.some, .some):
            throw ValidationError("give --split or --holdout, not both")
        case (let date?, nil):
            guard let day = CalendarDate(parsing: date) else { throw ValidationError("--split takes a date written YYYY-MM-DD, not `\(date)`") }
            return .createdOnOrAfter(day)
        case (nil, let share?):
            guard share.isFinite, share > 0, share <= 1 else { throw ValidationError("--holdout takes a share above 0 and at most 1, such as 0.3") }
            return .holdout(fraction: share, seed: seed)
        case (nil, nil):
            return .all
        }
    }

    static func table(_ rows: [(icp: ICP, result: BacktestResult)]) -> String {
        func rate(_ value: Double?, of whole: Int) -> String {
            value.map { "\(CountFormat.percent($0)) of \(CountFormat.grouped(whole))" } ?? "n/a"
        }
        var lines = [["ICP", "decided (won)", "win rate", "baseline", "won coverage", "lift", "score AUC"]]
        var notes: [String] = []
        for (icp, result) in rows {
            let code = icp.code?.value ?? "?"
            lines.append([
                code, "\(CountFormat.grouped(result.decided)) (\(CountFormat.grouped(result.won)))",
                rate(result.precision, of: result.qualifiedDecided), rate(result.baselinePrecision, of: result.decided),
                rate(result.recall, of: result.won), result.lift.map { "\(CountFormat.decimal($0, digits: 2))×" } ?? "n/a",
                result.auc.map { "\(CountFormat.decimal($0, digits: 3)) of \(CountFormat.grouped(result.aucWon + result.aucLost))" } ?? (result.hasScore ? "n/a" : "n/a: no score"),
            ])
            if let caution = result.caution { notes.append("\(code): \(caution)") }
            if let auc = result.auc, auc < 0.5 {
                notes.append("\(code): the score ranks wins below losses (AUC \(CountFormat.decimal(auc, digits: 3)), under 0.5): its weights point away from what wins")
            }
        }
        return ([PreviewTable.align(lines)] + notes).joined(separator: "\n")
    }
}

/// One ICP's backtest as `--format json` prints it: every key, `null` where a figure is missing.
private struct BacktestRow: Encodable {
    let icp: String
    let split: String
    let decided: Int
    let won: Int
    let qualified_decided: Int
    let qualified_won: Int
    @EncodedAsNull var precision: Double?
    @EncodedAsNull var baseline_precision: Double?
    @EncodedAsNull var recall: Double?
    // The same figures under the names `icp preview` gives them.
    @EncodedAsNull var win_rate: Double?
    @EncodedAsNull var baseline_win_rate: Double?
    @EncodedAsNull var won_coverage: Double?
    @EncodedAsNull var lift: Double?
    let has_score: Bool
    @EncodedAsNull var auc: Double?
    let auc_accounts: Int
    @EncodedAsNull var caution: String?

    init(icp: ICP, result: BacktestResult, split: BacktestSplit) {
        self.icp = icp.code?.value ?? ""
        self.split = switch split {
        case .all: "all"
        case .createdOnOrAfter(let day): "created on or after \(day)"
        case .holdout(let fraction, let seed): "holdout \(CountFormat.plain(fraction)) seed \(seed)"
        }
        decided = result.decided
        won = result.won
        qualified_decided = result.qualifiedDecided
        qualified_won = result.qualifiedWon
        precision = result.precision
        baseline_precision = result.baselinePrecision
        recall = result.recall
        win_rate = result.precision
        baseline_win_rate = result.baselinePrecision
        won_coverage = result.recall
        lift = result.lift
        has_score = result.hasScore
        auc = result.auc
        auc_accounts = result.aucWon + result.aucLost
        caution = result.caution
    }
}
