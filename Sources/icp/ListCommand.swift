import ArgumentParser
import FoundationEssentials
import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "The accounts an ICP qualifies, its nearest misses, or the won accounts it misses.",
        discussion: """
            By default the qualifying accounts, highest score first, each with why. --misses lists the accounts kept \
            out by exactly one thing (one filter or exclude, or min_score alone), with by how much; --won-outside the \
            won accounts the ICP does not qualify, with everything that keeps each out (its false negatives). Both put \
            the nearest first: fewest things in the way, then the smallest gaps (a filter 2% short before a category), \
            then the score each would reach. An account outside the ICP has icp_score 0, as in icp score; its why says \
            what it would score. --missing FIELD the \
            accounts without FIELD for which a value could change the outcome (they pass every other filter and \
            exclude): those that would qualify given a passing value first, then those that would move up a tier. \
            The enrichment list.
            """
    )

    @Argument(help: "The ICP file.")
    var file: String

    @Flag(help: "The nearest misses: accounts kept out by exactly one filter, exclude or min_score.")
    var misses = false

    @Flag(help: "Won accounts the ICP does not qualify, with what keeps each out.")
    var wonOutside = false

    @Option(name: .customLong("missing"), help: "Accounts without this field that a value could move: what to enrich first.")
    var missingField: String?

    @Option(help: "Only qualifying accounts of this tier.")
    var tier: String?

    @OptionGroup var selection: AccountSelection

    @Option(help: "Output format.")
    var format: AccountOutput.Format = .table

    @Option(help: "Write to this file instead of standard output.")
    var out: String?

    @OptionGroup var data: DataOptions

    func validate() throws {
        if [misses, wonOutside, missingField != nil].filter({ $0 }).count > 1 { throw ValidationError("give one of --misses, --won-outside and --missing") }
        if tier != nil, misses || wonOutside || missingField != nil { throw ValidationError("--tier selects among qualifying accounts; it does not go with --misses, --won-outside or --missing") }
    }

    func run() throws {
        let (evaluated, icp, loaded, evaluation, session) = try EvaluationRun.one(file, access: data.access, accounts: try selection.source())
        let engine = loaded.engine
        let kind: AccountList.Kind = misses ? .misses : (wonOutside ? .wonOutside : .qualified)
        if kind == .wonOutside, engine.settings.outcome == nil {
            Output.error("the workspace names no outcome column (outcome.field in icp.workspace.yaml), so there are no won accounts to look for.")
            throw ExitCode(1)
        }
        if let tier, !icp.tiers.contains(where: { $0.name.value == tier }) {
            throw ValidationError("\(icp.code?.value ?? file) has no tier `\(tier)`; its tiers are \(icp.tiers.map(\.name.value).map { "`\($0)`" }.joined(separator: ", "))")
        }
        if let missingField, !evaluation.parameters.contains(where: { $0.field == missingField }) {
            let fields = Array(Set(evaluation.parameters.map(\.field))).sorted().map { "`\($0)`" }.joined(separator: ", ")
            throw ValidationError("\(icp.code?.value ?? file) has no parameter on `\(missingField)`; its fields are \(fields)")
        }
        let extra = try AccountOutput.extraColumns(selection.columns, in: engine.accounts, besides: [engine.accountKeyName, "icp_code", "icp_score", "icp_tier", "why"])
        let top = selection.top
        let listed: [ListedAccount]
        let total: Int
        if let missingField {
            let all = AccountList.toEnrich(missingField, icp: icp, evaluation: evaluation, engine: engine)
            (listed, total) = (Array(all.prefix(top ?? Int.max)), all.count)
        } else {
            // Ranked first, so only the accounts printed are described.
            let ranked = AccountList.rows(kind, icp: icp, evaluation: evaluation, engine: engine, tier: tier)
            listed = ranked.prefix(top ?? Int.max).map { AccountList.describe($0, icp: icp, evaluation: evaluation, engine: engine) }
            total = ranked.count
        }
        let fields = [engine.accountKeyName, "icp_code", "icp_score", "icp_tier"] + extra.map(\.name) + ["why"]
        let code = icp.code?.value
        let rows = listed.map { account -> [AccountOutput.Value] in
            [.text(engine.accountKey(account.row)), .text(account.qualifies ? code : nil), .score(account.shownScore),
             .text(account.tier)] + extra.map { .text($0.text(atRow: account.row)) } + [.text(account.reason)]
        }
        let text = try AccountOutput.render(fields: fields, rows: rows, format: format, guardingFormulas: !selection.rawCSV)
        let what = if let missingField {
            "lack \(missingField) where a value could change the outcome"
                + (evaluation.enrichment(of: missingField).first.map { ": \($0.consequences) (upper bounds: a real value may not pass)" } ?? "")
        } else {
            switch kind {
            case .qualified: tier.map { "qualify in tier \($0)" } ?? "qualify"
            case .misses: "miss by one thing"
            case .wonOutside: "were won and do not qualify"
            }
        }
        let summary = "\(CountFormat.grouped(total)) of \(CountFormat.grouped(evaluation.total)) accounts of \(loaded.datasetName) \(what)" + (top.map { total > $0 ? "; the first \($0) shown" : "" } ?? "")
        if let out {
            try ScoredOutput.write(text, to: URL(fileURLWithPath: out), inputs: loaded.files + [evaluated.url], session: session)
            Output.note("\(summary); wrote \(out)")
        } else {
            if format == .table { Output.write(text) } else { Output.writeData(text) }
            Output.note(summary)
        }
    }
}
