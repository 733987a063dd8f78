import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// `icp.explain` and `icp.accounts` as documents: why one account does or does not qualify,
/// and the accounts an ICP qualifies, nearly qualifies or misses among won deals, in markdown.
public enum AccountDocuments {
    /// Accounts a list shows unless asked for another number.
    public static let listedAccounts = 100

    /// Why the account `record` names (its key, else its name) does or does not qualify.
    public static func explanation(of record: String, in evaluated: Evaluated) -> Result<FeatureDocument, FeatureFailure> {
        let engine = evaluated.data.engine
        let row: Int
        switch engine.findAccount(record) {
        case .key(let found), .name(let found, _): row = found
        case .ambiguous(let rows, let column):
            return .failure(FeatureFailure(engine.accountsAmbiguous(record, rows: rows, column: column)))
        case .notFound(let nearest):
            return .failure(FeatureFailure(engine.accountNotFound(record, nearest: nearest, datasetName: evaluated.data.datasetName)))
        }
        let explanation = RecordExplanation(icp: evaluated.icp, evaluation: evaluated.evaluation, accounts: engine.accounts, row: row, asOf: engine.settings.asOf)
        let key = engine.accountName(row)
        let code = evaluated.icp.code?.value ?? "icp"
        return .success(FeatureDocument(title: "\(key) · \(code)", markdown: explanation.markdown(record: key, icp: evaluated.icp), name: "explain-\(code)"))
    }

    /// The first `limit` accounts of `kind` in the lists' order (``AccountList/rows(_:icp:evaluation:engine:tier:)``), with why.
    public static func list(_ kind: AccountList.Kind, limit: Int, in evaluated: Evaluated) -> Result<FeatureDocument, FeatureFailure> {
        let engine = evaluated.data.engine
        if kind == .wonOutside, engine.settings.outcome == nil {
            return .failure(FeatureFailure("the workspace names no outcome column (outcome.field in icp.workspace.yaml), so there are no won accounts to look for"))
        }
        let ranked = AccountList.rows(kind, icp: evaluated.icp, evaluation: evaluated.evaluation, engine: engine)
        let code = evaluated.icp.code?.value ?? "icp"
        let what = switch kind {
        case .qualified: "qualify for \(code)"
        case .misses: "miss \(code) by one filter, exclude or min_score"
        case .wonOutside: "were won and do not qualify for \(code)"
        }
        let total = CountFormat.grouped(evaluated.evaluation.total)
        // The reason quotes values in code spans of its own: kept, on one line, `|` escaped.
        func cell(_ text: String) -> String { text.replacing("|", with: "\\|").replacing("\n", with: " ") }
        let keyName = engine.settings.accountIDField
        let names = engine.nameColumn
        var lines = ["# \(CountFormat.grouped(ranked.count)) of \(total) accounts \(what)", "",
                     "On \(Markdown.text(evaluated.data.datasetName)); \(kind == .qualified ? "highest score first" : "nearest first: fewest things in the way, then the smallest gaps"). "
                        + "`icp list` on the command line lists them all.", "",
                     "| \(Markdown.text(keyName)) |\(names.map { " \(Markdown.text($0.name)) |" } ?? "") score | tier | why |",
                     "|---|\(names == nil ? "" : "---|")---|---|---|"]
        for account in ranked.prefix(limit).map({ AccountList.describe($0, icp: evaluated.icp, evaluation: evaluated.evaluation, engine: engine) }) {
            let name = names.map { " \(Markdown.code($0.text(atRow: account.row) ?? "", inTable: true)) |" } ?? ""
            lines.append("| \(Markdown.code(engine.accountKey(account.row) ?? "", inTable: true)) |\(name) \(CountFormat.decimal(account.shownScore, digits: 1)) | \(Markdown.code(account.tier ?? "", inTable: true)) | \(cell(account.reason)) |")
        }
        if ranked.count > limit { lines += ["", "+\(CountFormat.grouped(ranked.count - limit)) more"] }
        return .success(FeatureDocument(title: "\(code) · \(kind.rawValue)", markdown: lines.joined(separator: "\n") + "\n", name: "accounts-\(code)-\(kind.rawValue)"))
    }
}
