import Foundation
import Testing

/// `icp preview`, `score`, `explain` and `sample` run as a user would.
struct EvaluationCommandTests {
    private func icp(_ arguments: [String], in folder: URL = CLIEndToEndTests.packageRoot) throws -> CLIEndToEndTests.Output {
        try CLIEndToEndTests.icp(arguments, in: folder)
    }

    private func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("icp-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func previewJSONHasTheSpecFields() throws {
        let result = try icp(["preview", "--format", "json", "fixtures/datasets/messy"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["icp"] as? String } == ["broad", "fintech", "missing-policies", "software"])
        let software = try #require(rows.last)
        let keys = ["icp", "name", "status", "parameters", "qualified", "total", "share", "tiers", "personas", "enriched", "funnel", "enrichment", "overlap",
                    "win_rate", "baseline_win_rate", "lift", "won_coverage", "churn_rate", "baseline_churn_rate", "last_30_days", "last_qualified", "last_modified", "stale"]
        #expect(Set(software.keys) == Set(keys))
        #expect(software["qualified"] as? Int == 6)
        #expect(software["total"] as? Int == 12)
        #expect(software["share"] as? Double == 0.5)
        #expect(software["parameters"] as? Int == 7)
        #expect((software["last_30_days"] as? [Int])?.count == 30)
        let funnel = try #require(software["funnel"] as? [[String: Any]])
        #expect(funnel.count == 7)
        #expect(Set(funnel[0].keys) == ["field", "mode", "condition", "matched", "remaining", "without"])
        #expect(funnel[0]["field"] as? String == "industry" && funnel[0]["matched"] as? Int == 7 && funnel[1]["remaining"] as? Int == 6)
        let personas = try #require(software["personas"] as? [[String: Any]])
        #expect(personas.first?["persona"] as? String == "sales-leader")
        #expect((software["tiers"] as? [String: Int])?.keys.sorted() == ["A", "B", "C"])
    }

    @Test func previewLeavesOutWhatIsNotConfigured() throws {
        let result = try icp(["preview", "--format", "json", "fixtures/datachecks/broad.icp.yaml"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 1)
        #expect(rows[0]["win_rate"] == nil && rows[0]["last_30_days"] == nil)
        #expect(rows[0]["qualified"] as? Int == 4)
    }

    @Test func previewTextShowsTheTableAndTheDataset() throws {
        let result = try icp(["preview", "fixtures/icps"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ICP") == true)
        #expect(lines.count == 4)
        #expect(lines.first?.contains("won coverage") == true, "the figure a RevOps lead watches most")
        #expect(result.stderr.contains("the built-in sample"))
    }

    /// A header-only export says it holds no rows, in the preview and in one check, rather than
    /// "0 of 0" and a value-not-found per value.
    @Test func aHeaderOnlyDatasetSaysItHasNoRows() throws {
        let folder = try temporaryFolder()
        try "id,industry\n".write(to: folder.appendingPathComponent("accounts.csv"), atomically: true, encoding: .utf8)
        try "datasets:\n  accounts: accounts.csv\nkeys:\n  account_id: id\n".write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        try "icp: a\nparameters:\n  - {field: industry, mode: filter, is: Software}\n  - {field: industry, mode: exclude, is: Retail}\n"
            .write(to: folder.appendingPathComponent("a.icp.yaml"), atomically: true, encoding: .utf8)
        let preview = try icp(["preview"], in: folder)
        #expect(preview.stderr.contains("accounts.csv (no rows: a header only)"), "\(preview.stderr)")
        let check = try icp(["check"], in: folder)
        #expect(check.stdout.contains("holds no records (a header and no rows)") && !check.stdout.contains("value-not-found"), "\(check.stdout)")
    }

    @Test func previewOfABrokenFileSaysToRunCheck() throws {
        let result = try icp(["preview", "fixtures/broken"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("run `icp check fixtures/broken/broken.icp.yaml`"))
    }

    @Test func scoreWritesEveryAccountWholeAndNeverOverAnInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("scored.csv")
        let result = try icp(["score", "fixtures/datasets/messy", "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "id,icp_code,icp_score,icp_tier")
        #expect(lines.count == 13)
        #expect(lines.contains("1,software,100.0,A"))
        #expect(lines.contains { $0.hasPrefix("3,,0.0,") })

        let dataset = CLIEndToEndTests.packageRoot.appendingPathComponent("fixtures/datasets/messy/accounts.csv")
        let before = try Data(contentsOf: dataset)
        let refused = try icp(["score", "fixtures/datasets/messy", "--out", dataset.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is an input of this run"))
        #expect(try Data(contentsOf: dataset) == before)
    }

    @Test func scoreJSONLines() throws {
        let result = try icp(["score", "fixtures/datasets/messy", "--format", "jsonl"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 12)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["id"] as? String == "1" && first["icp_code"] as? String == "software" && first["icp_score"] as? Double == 100)
        let third = try #require(try JSONSerialization.jsonObject(with: Data(lines[2].utf8)) as? [String: Any])
        #expect(third["icp_code"] is NSNull && third["icp_tier"] is NSNull)
    }

    @Test func explainSaysWhyParameterByParameter() throws {
        let result = try icp(["explain", "fixtures/datasets/messy/software.icp.yaml", "--record", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("2 qualifies for software (Software in Europe)"))
        #expect(result.stdout.contains("`Annual Revenue ($)` is missing: earns nothing"))
        #expect(result.stdout.contains("score 71.4 of 100 (min_score 20), tier A"))
        let missing = try icp(["explain", "fixtures/datasets/messy/software.icp.yaml", "--record", "404"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no account has id or Company Name `404`"), "\(missing.stderr)")
    }

    /// An account that does not qualify scores 0, as `icp score` writes it, and is told what it
    /// lacks; a long list is cut with "+N more".
    @Test func explainSaysWhatWouldMakeAnAccountQualify() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "datasets:\n  accounts: a.csv\n".write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        try "id,industry,employees\n1,Fintech,963\n2,Software,6000\n".write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        let many = (1...12).map { "V\($0)" }.joined(separator: ", ")
        try "icp: z\nstatus: live\nparameters:\n  - {field: industry, mode: filter, in: [Software, \(many)]}\n  - {field: employees, mode: filter, min: 5000}\n"
            .write(to: folder.appendingPathComponent("z.icp.yaml"), atomically: true, encoding: .utf8)
        let result = try CLIEndToEndTests.icp(["explain", "z.icp.yaml", "--record", "1"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("score 0: it does not qualify\n"), "\(result.stdout)")
        #expect(result.stdout.contains("To qualify it would need:\n  industry one of [Software, V1, V2, V3, V4, V5, V6, V7, +5 more] (it has Fintech)\n  employees at least 5000 (it has 963)"), "\(result.stdout)")
        let scored = try CLIEndToEndTests.icp(["score"], in: folder)
        #expect(scored.stdout.contains("1,,0.0,"), "\(scored.stdout)")
    }

    /// `icp columns` says how each column was read, and flags a `|` list not declared under `fields`.
    @Test func columnsShowHowTheDataWasReadAndAnUndeclaredList() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "datasets:\n  accounts: a.csv\n".write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        let rows = (1...40).map { "\($0),\(["Software|SaaS", "Health Care", "Software|AI", "FinTech|SaaS"][$0 % 4]),DEU,\($0 * 1000)" }
        try ("id,category_list,country_code,funding_total_usd\n" + rows.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        let result = try CLIEndToEndTests.icp(["columns"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("country_code"), "\(result.stdout)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first { $0.hasPrefix("country_code") }?.hasSuffix("country") == true, "\(result.stdout)")
        #expect(lines.first { $0.hasPrefix("funding_total_usd") }?.hasSuffix("money raised") == true, "\(result.stdout)")
        #expect(result.stderr.contains("`category_list` looks like a list separated by `|`; to read it as one, add to icp.workspace.yaml:\n  fields:\n    category_list: {type: list, separator: \"|\"}"), "\(result.stderr)")
    }

    /// A question the reading leaves is a `data-reading` warning on the workspace file's accounts
    /// entry, with the line that settles it; a condition on the column says the same.
    @Test func checkAsksWhatTheReadingCouldNotSettle() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "datasets:\n  accounts: a.csv\n".write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        let rows = (1...30).map { "\($0);\($0 % 7 == 0 ? "-" : "\($0 * 3),5")" }
        try ("id;Revenue ($M)\n" + rows.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        try "icp: r\nparameters:\n  - {field: Revenue ($M), mode: filter, min: 20}\n".write(to: folder.appendingPathComponent("r.icp.yaml"), atomically: true, encoding: .utf8)
        let result = try CLIEndToEndTests.icp(["check"], in: folder)
        #expect(result.stdout.contains("icp.workspace.yaml:2:"), "\(result.stdout)")
        #expect(result.stdout.contains("but 4 cells say `-`, so it is read as text. If it stands for a missing value, add `missing_values: [\"-\"]`"), "\(result.stdout)")
        #expect(result.stdout.contains("[data-reading]"), "\(result.stdout)")
        #expect(result.stdout.contains("missing_values"), "\(result.stdout)")
        try "datasets:\n  accounts: a.csv\nmissing_values: [\"-\"]\n".write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        let settled = try CLIEndToEndTests.icp(["preview", "--format", "json"], in: folder)
        // 3.5, 6.5 ... 90.5 millions; at least 20 from the 7th row on, less the four `-` rows: 20.
        let previews = try #require(try JSONSerialization.jsonObject(with: Data(settled.stdout.utf8)) as? [[String: Any]])
        #expect(previews.first?["qualified"] as? Int == 20, "\(settled.stdout)")
    }

    /// A workspace without ICP files is an error that says what was looked for, not silence.
    @Test func previewWithNoICPFilesSaysSo() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "datasets:\n  accounts: a.csv\n".write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        try "id,x\n1,2\n".write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        let result = try CLIEndToEndTests.icp(["preview"], in: folder)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no ICP files (*.icp.yaml, *.icp.yml, *.icp.json) in the current folder"), "\(result.stderr)")
    }

    /// A score that ranks wins below losses is said beside the table.
    @Test func backtestFlagsAScoreThatRanksWinsBelowLosses() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "datasets:\n  accounts: a.csv\noutcome:\n  field: stage\n  won: [won]\n  lost: [lost]\n".write(to: folder.appendingPathComponent("icp.workspace.yaml"), atomically: true, encoding: .utf8)
        // Big companies win, small ones lose; the ICP scores the small ones.
        let rows = (0..<60).map { "\($0),\($0 % 2 == 0 ? 500 : 20),\($0 % 2 == 0 ? ($0 % 3 == 0 ? "lost" : "won") : ($0 % 5 == 0 ? "won" : "lost"))" }
        try ("id,employees,stage\n" + rows.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("a.csv"), atomically: true, encoding: .utf8)
        try "icp: u\nstatus: live\nparameters:\n  - {field: employees, mode: score, max: 100, weight: 1}\n".write(to: folder.appendingPathComponent("u.icp.yaml"), atomically: true, encoding: .utf8)
        let result = try CLIEndToEndTests.icp(["backtest", "u.icp.yaml"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect((result.stdout + result.stderr).contains("u: the score ranks wins below losses (AUC 0."), "\(result.stdout)\(result.stderr)")
    }

    @Test func sampleWritesAWorkspaceOnceAndItPreviews() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("ws")
        #expect(try icp(["sample", "--accounts", "500", "--seed", "3", "--out", out.path]).status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files == ["accounts.csv", "contacts.csv", "icp.workspace.yaml"])
        #expect(try String(contentsOf: out.appendingPathComponent("accounts.csv"), encoding: .utf8).split(separator: "\n").count == 501)
        let again = try icp(["sample", "--accounts", "500", "--out", out.path])
        #expect(again.status == 1 && again.stderr.contains("already holds"))
        try "icp: all\nparameters:\n  - {field: is_customer, mode: exclude, is: true}\n".write(to: out.appendingPathComponent("all.icp.yaml"), atomically: true, encoding: .utf8)
        let preview = try icp(["preview", "--format", "json", "."], in: out)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(preview.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["total"] as? Int == 500)
        #expect(rows.first?["win_rate"] != nil)
    }

    @Test func backtestPrintsEachFigureWithItsCountsAndRefusesTwoSplits() throws {
        let json = try icp(["backtest", "fixtures/icps", "--holdout", "0.3", "--seed", "7", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["icp"] as? String } == ["enterprise", "fintech-expansion", "midmarket-saas"])
        let keys: Set<String> = ["icp", "split", "decided", "won", "qualified_decided", "qualified_won", "precision", "baseline_precision", "recall",
                                 "win_rate", "baseline_win_rate", "won_coverage", "lift", "has_score", "auc", "auc_accounts", "caution"]
        #expect(rows.allSatisfy { Set($0.keys) == keys })
        // One vocabulary: the figures preview calls win rate and won coverage, under those names too.
        #expect(rows.allSatisfy { $0["win_rate"] as? Double == $0["precision"] as? Double && $0["won_coverage"] as? Double == $0["recall"] as? Double })
        #expect(rows.allSatisfy { ($0["decided"] as? Int ?? 0) > 400 && ($0["decided"] as? Int ?? 0) < 700 }, "a 30% holdout of 1,900 decided accounts")
        let text = try icp(["backtest", "fixtures/icps"])
        #expect(text.stdout.hasPrefix("ICP"), "\(text.stdout)")
        #expect(text.stdout.contains("win rate") && text.stdout.contains("won coverage") && !text.stdout.contains("precision"))
        let both = try icp(["backtest", "fixtures/icps", "--split", "2026-01-01", "--holdout", "0.3"])
        #expect(both.status != 0 && both.stderr.contains("give --split or --holdout, not both"))
        let noOutcome = try icp(["backtest", "fixtures/datachecks/broad.icp.yaml"])
        #expect(noOutcome.status == 1 && noOutcome.stderr.contains("names no outcome column"), "\(noOutcome.stderr)")
    }
}
