import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights

/// What `icp derive` says about its proposal: each parameter with its evidence, the columns left
/// out and why, and the proposal's preview next to the baseline.
enum DeriveReport {
    static func summary(_ derivation: Derivation, icp: ICP, evaluation: ICPEvaluation, dataset: String) -> String {
        var lines = ["Derived from \(CountFormat.grouped(derivation.total.won)) won and \(CountFormat.grouped(derivation.total.lost)) lost accounts (a rule needs at least \(derivation.minimumWon) won accounts):"]
        lines += derivation.parameters.map { parameter in
            let condition = ICPFileText.condition(parameter.condition, quote: ICPFileText.yamlText).map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            let weight = parameter.weight.map { ", weight \(CountFormat.plain($0))" } ?? ""
            return (["  \(parameter.mode.rawValue) \(parameter.field) \(condition)\(weight)", parameter.evidence.summary] + parameter.notes)
                .joined(separator: "\n      ")
        }
        if derivation.minScore > 0 {
            lines.append("  min_score \(CountFormat.plain(derivation.minScore)); tiers " + derivation.tiers.map { "\($0.name) \(CountFormat.plain($0.minimum))" }.joined(separator: ", "))
            lines += derivation.scoreCutInWords.map { "    \($0)" }
        }
        if !derivation.gains.isEmpty { lines += ["", gains(derivation)] }
        if !derivation.dataQuality.isEmpty {
            lines += ["", "Data quality (reported, not proposed):"] + derivation.dataQuality.map { "  \($0.field): \($0.reason)" }
        }
        lines += ["", leftOut(derivation), "", "Preview on \(dataset):", preview(evaluation)]
        return lines.joined(separator: "\n")
    }

    static func leftOut(_ derivation: Derivation) -> String {
        (["Left out:"] + derivation.leftOut.map { "  \($0.field): \($0.reason)" }).joined(separator: "\n")
    }

    /// The trade-off of the score cut: at each cut, the share of accounts that reach it, the
    /// share of the wins they hold, their win rate and lift; at most a dozen rows (the cuts
    /// nearest each tenth of the wins, and the one chosen), the chosen one marked.
    static func gains(_ derivation: Derivation) -> String {
        let rows = derivation.gains
        var kept = Set([rows.indices.first { ScoreMath.reaches(derivation.minScore, rows[$0].minScore) } ?? rows.count - 1])
        for tenth in 1...10 {
            let target = Double(tenth) / 10
            if let index = rows.indices.min(by: { abs(rows[$0].wonShare - target) < abs(rows[$1].wonShare - target) }) { kept.insert(index) }
        }
        let table = [["min_score", "accounts", "share", "won", "of wins", "win rate", "lift", ""]] + kept.sorted().map { index in
            let row = rows[index]
            return [CountFormat.plain(row.minScore), CountFormat.grouped(row.accounts), CountFormat.percent(row.accountShare),
                    CountFormat.grouped(row.tally.won), CountFormat.percent(row.wonShare), row.tally.winRate.map { CountFormat.percent($0) } ?? "-",
                    row.lift.map { CountFormat.decimal($0, digits: 2) + "×" } ?? "-", row.minScore == derivation.minScore ? "← chosen (--coverage)" : ""]
        }
        return "Score cuts (accounts that pass the filters and excludes; learned on \(CountFormat.grouped(derivation.trainingAccounts)) accounts):\n"
            + PreviewTable.align(table)
    }

    /// The proposal's qualified count, share, win rate, lift and won coverage, under the baseline's.
    private static func preview(_ evaluation: ICPEvaluation) -> String {
        let outcomes = evaluation.outcomes
        func percent(_ value: Double?) -> String { value.map { CountFormat.percent($0) } ?? "-" }
        return PreviewTable.align([
            ["", "qualified", "share", "win rate", "lift", "won coverage"],
            ["all accounts", CountFormat.grouped(evaluation.total), "100.0%", percent(outcomes?.baselineWinRate), "1.00×", "100.0%"],
            ["proposed", CountFormat.grouped(evaluation.qualifiedCount), CountFormat.percent(evaluation.share), percent(outcomes?.winRate),
             outcomes?.lift.map { CountFormat.decimal($0, digits: 2) + "×" } ?? "-", percent(outcomes?.wonCoverage)],
        ])
    }
}
