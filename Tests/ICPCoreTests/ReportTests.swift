import Foundation
import Testing
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights
@testable import ICPDataset

/// `icp report`'s chart series against a row-by-row computation from the reference evaluator
/// and the raw CSV's outcome labels; the page's structure and escaping.
struct ReportTests {
    @Test func chartSeriesEqualTheRowByRowComputation() throws {
        let (engine, table, reference) = try BacktestTests.sample(accounts: 3_000, seed: 11)
        let labels = table.rows.map { table.value($0, "stage")?.lowercased() }
        let allWon = labels.filter { $0 == "closed_won" }.count
        for text in BacktestTests.icps {
            let icp = try #require(ICPDocument(text: text, format: text.hasPrefix("{") ? .json : .yaml).icp)
            let code = icp.code?.value ?? "?"
            let charts = ReportCharts(icp: icp, evaluation: engine.evaluate(icp), engine: engine, sensitive: false)
            let result = reference.evaluate(icp)
            var gateOnly = icp
            gateOnly.minScore = 0
            let gate = reference.evaluate(gateOnly).qualified
            let ladder = icp.tiers.enumerated().sorted { $0.element.minimum != $1.element.minimum ? $0.element.minimum > $1.element.minimum : $0.offset < $1.offset }

            // Groups: each row in its tier, or `qualified`, or `not qualified`.
            var expected: [String: (accounts: Int, decided: Int, won: Int)] = [:]
            var bins = Array(repeating: (accounts: 0, won: 0), count: 10)
            var gated: [(score: Double, won: Bool)] = []
            for row in table.rows.indices {
                let won = labels[row] == "closed_won"
                let decided = won || labels[row] == "closed_lost"
                let group = !result.qualified[row] ? "not qualified"
                    : ladder.first { result.scores[row] >= $0.element.minimum - 1e-9 }?.element.name.value ?? "qualified"
                expected[group, default: (0, 0, 0)].accounts += 1
                if decided { expected[group, default: (0, 0, 0)].decided += 1 }
                if won { expected[group, default: (0, 0, 0)].won += 1 }
                if gate[row] {
                    let bin = min(Int((result.scores[row] + 1e-9) / 10), 9)
                    bins[bin].accounts += 1
                    if won { bins[bin].won += 1 }
                    gated.append((result.scores[row], won))
                }
            }
            for group in charts.groups {
                let wanted = expected[group.group] ?? (0, 0, 0)
                #expect(group.accounts == wanted.accounts, "\(code) \(group.group): accounts")
                #expect(group.decided == wanted.decided, "\(code) \(group.group): decided")
                #expect(group.won == wanted.won, "\(code) \(group.group): won")
                #expect(group.win_rate == (wanted.decided == 0 ? nil : Double(wanted.won) / Double(wanted.decided)), "\(code) \(group.group): win rate")
                #expect(group.won_share == Double(wanted.won) / Double(allWon), "\(code) \(group.group): won share")
            }
            #expect(charts.groups.reduce(0) { $0 + $1.accounts } == table.rows.count, "\(code): every account in one group")
            #expect(Set(charts.groups.map(\.group)).isSuperset(of: expected.filter { $0.value.accounts > 0 }.keys), "\(code): no group left out")
            #expect(charts.score_distribution.map(\.accounts) == bins.map(\.accounts), "\(code): score bins")
            #expect(charts.score_distribution.map(\.won) == bins.map(\.won), "\(code): won per score bin")

            // Gains: the corners of the runs of equal scores, best first, then the rest.
            let ordered = gated.sorted { $0.score > $1.score }
            var corners = [ReportCharts.GainPoint(accounts: 0, won: 0)]
            var (taken, won, index) = (0, 0, 0)
            while index < ordered.count {
                let score = ordered[index].score
                while index < ordered.count, abs(ordered[index].score - score) <= 1e-9 {
                    taken += 1
                    won += ordered[index].won ? 1 : 0
                    index += 1
                }
                corners.append(.init(accounts: Double(taken) / Double(table.rows.count), won: Double(won) / Double(allWon)))
            }
            if taken < table.rows.count { corners.append(.init(accounts: 1, won: 1)) }
            let gains = try #require(charts.gains)
            if corners.count <= ReportCharts.maximumPoints {
                #expect(gains.icp == corners, "\(code): gains curve")
            } else {
                #expect(gains.icp.allSatisfy(corners.contains), "\(code): a thinned curve keeps only corners")
                #expect(gains.icp.first == corners.first && gains.icp.last == corners.last, "\(code): the curve's ends")
            }
            let qualifiedWon = table.rows.indices.filter { result.qualified[$0] && labels[$0] == "closed_won" }.count
            #expect(gains.qualified == .init(accounts: Double(result.qualified.filter { $0 }.count) / Double(table.rows.count), won: Double(qualifiedWon) / Double(allWon)),
                    "\(code): the qualified point")
            #expect(gains.icp.contains(gains.qualified), "\(code): the qualified point is on the curve")
            #expect(gains.perfect[1].accounts == Double(allWon) / Double(table.rows.count))

            // Won accounts outside: won, not qualified, at most ten, keys present.
            let sample = try #require(charts.won_outside_sample)
            #expect(sample.count == min(ReportCharts.sampleSize, allWon - qualifiedWon), "\(code): sample size")
            for account in sample {
                let row = try #require(table.rows.firstIndex { table.value($0, "id") == account.key }, "\(code): \(account.key ?? "nil")")
                #expect(labels[row] == "closed_won" && !result.qualified[row], "\(code): \(account.key ?? "") is won outside")
                #expect(account.name == table.value(table.rows[row], "name"))
            }
        }
    }

    @Test func sensitiveLeavesKeysAndNamesOut() throws {
        let (engine, _, _) = try BacktestTests.sample(accounts: 500, seed: 3)
        let icp = try #require(ICPDocument(text: "icp: s\nparameters:\n  - {field: industry, mode: filter, is: software}\n", format: .yaml).icp)
        let open = ReportCharts(icp: icp, evaluation: engine.evaluate(icp), engine: engine, sensitive: false)
        let hidden = ReportCharts(icp: icp, evaluation: engine.evaluate(icp), engine: engine, sensitive: true)
        #expect(open.won_outside_sample?.contains { $0.key != nil && $0.name != nil } == true, "\(String(describing: open.won_outside_sample))")
        #expect(hidden.won_outside_sample?.allSatisfy { $0.key == nil && $0.name == nil } == true)
        #expect(hidden.won_outside_sample?.map(\.reason) == open.won_outside_sample?.map(\.reason))
    }

    /// What people read: the hashes last, messages with code spans as code and commands set
    /// aside, funnel steps as conditions in words, and no label's box crossing another's or the
    /// baseline (boxes from ``SVGChart/textWidth(_:size:)``, which errs wide).
    @Test func thePageReadsForPeople() throws {
        let (engine, _, _) = try BacktestTests.sample(accounts: 5_000, seed: 7)
        let icp = try #require(ICPDocument(text: AccountListTests.icpText, format: .yaml).icp)
        let evaluation = engine.evaluate(icp)
        let entry = ICPReport.Entry(preview: ICPPreview(icp: icp, evaluation: evaluation), file: "m.icp.yaml", dataset: "accounts.csv",
                                    charts: ReportCharts(icp: icp, evaluation: evaluation, engine: engine, sensitive: false), minScore: icp.minScore)
        let alert = ICPReport.Alert(severity: .information, code: "enrichment", file: "m.icp.yaml", line: 3, icp: "midmarket-saas",
                                    message: "Enrich `revenue` for 41 accounts: up to 9 more would qualify (upper bounds). `icp list --missing revenue` lists them.")
        let report = ICPReport(reproduction: .init(as_of: ["2026-11-01"], data: [], datasets: ["accounts.csv"], definitions: []),
                               findings: [alert], icps: [entry], overlap: [], sensitive: false)
        let page = ReportPage.render(report)
        let order = ["<h2>Alerts</h2>", "id=\"icp-midmarket-saas\"", "<h2>Reproduce these figures</h2>"].compactMap { page.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted(), "hashes last")
        #expect(page.contains("Enrich <code>revenue</code> for 41 accounts: up to 9 more would qualify (upper bounds).<br><span class=\"muted\">For whoever maintains the ICP files: <code>icp list --missing revenue</code> lists them</span>"))
        #expect(!page.contains("`"), "no literal backtick")
        #expect(page.contains(">Software-led industries</text>") && page.contains(">employees from 200 to 2000</text>") && page.contains(">not is_customer true</text>"))
        let text = try Regex(#"<text x="([-0-9.]+)" y="([-0-9.]+)" text-anchor="(start|middle|end)"( class="[a-z-]+")?>([^<]*)</text>"#)
        let dashed = try Regex(##"<line x1="([-0-9.]+)" y1="([-0-9.]+)" x2="([-0-9.]+)" y2="[-0-9.]+" stroke="#000" stroke-width="1.5" stroke-dasharray"##)
        for chart in page.components(separatedBy: "<svg").dropFirst() {
            // Label boxes: left, right, top, bottom, text.
            let boxes = chart.matches(of: text).compactMap { match -> (Double, Double, Double, Double, String)? in
                guard let x = match.output[1].substring.flatMap({ Double($0) }), let y = match.output[2].substring.flatMap({ Double($0) }),
                      let label = match.output[5].substring.map(String.init) else { return nil }
                let small = match.output[4].substring?.contains("tick") == true
                let width = SVGChart.textWidth(label.replacingOccurrences(of: "&amp;", with: "&"), size: small ? 11 : 12)
                let anchor = match.output[3].substring.map(String.init) ?? "start"
                let left = anchor == "middle" ? x - width / 2 : (anchor == "end" ? x - width : x)
                // A line of text from its ascent (three quarters of the size) to its descent (a fifth).
                let size = small ? 11.0 : 12.0
                return (left, left + width, y - 0.75 * size, y + 0.2 * size, label)
            }
            #expect(boxes.allSatisfy { $0.0 >= -0.5 }, "a label starts off the chart: \(boxes.filter { $0.0 < 0 }.map(\.4))")
            for (index, one) in boxes.enumerated() {
                for other in boxes[(index + 1)...] where one.0 < other.1 && other.0 < one.1 && one.2 < other.3 && other.2 < one.3 {
                    Issue.record("labels overlap: \(one.4) and \(other.4)")
                }
            }
            // The dashed baseline crosses no label.
            if let line = chart.firstMatch(of: dashed), let from = line.output[1].substring.flatMap({ Double($0) }),
               let y = line.output[2].substring.flatMap({ Double($0) }), let to = line.output[3].substring.flatMap({ Double($0) }) {
                for box in boxes where box.0 < to && from < box.1 && box.2 < y && y < box.3 { Issue.record("the baseline crosses \(box.4)") }
            }
        }
    }

    /// The win-rate columns widen for their labels: five-digit counts side by side
    /// ("447 won of 6,156", "104 won of 12,030") overlapped in columns 110 wide.
    @Test func winRateColumnsFitTheirLabels() {
        let labels = ["447 won of 6,156", "104 won of 12,030", "3 won of 99"]
        let width = ReportPage.columnWidth(for: labels)
        for (one, other) in zip(labels, labels.dropFirst()) {
            #expect((SVGChart.textWidth(one) + SVGChart.textWidth(other)) / 2 < width - 8, "\(one) | \(other) in \(width)")
        }
        #expect(ReportPage.columnWidth(for: ["1 won of 2"]) == 150)
    }

    /// The overlap says whose code a shared account gets, and that a draft stamps none of its own.
    @Test func theOverlapSaysWhoseCodeSharedAccountsGet() throws {
        let (engine, _, _) = try BacktestTests.sample(accounts: 500, seed: 3)
        let live = try #require(ICPDocument(text: "icp: core\nstatus: live\npriority: 1\nparameters:\n  - {field: industry, mode: filter, is: Software}\n", format: .yaml).icp)
        let draft = try #require(ICPDocument(text: "icp: idea\nstatus: draft\nparameters:\n  - {field: industry, mode: filter, in: [Software, Fintech]}\n", format: .yaml).icp)
        let entries = [live, draft].map { WorkspaceScoring.Entry(icp: $0, evaluation: engine.evaluate($0)) }
        let overlap = Overlap(entries, rowCount: engine.accounts.rowCount)
        let shared = overlap.shared[0][1]
        #expect(shared > 0 && overlap.takes[0][1] == shared && overlap.takes[1][0] == 0)
        let page = ReportPage.overlap([OverlapReport(dataset: "d", overlap: overlap, statuses: ["live", "draft"])])
        #expect(page.contains("\(CountFormat.grouped(shared)) of the accounts idea qualifies get core's code (draft: it stamps no code of its own)"), "\(page)")
        #expect(!page.contains("idea takes"))
    }

    /// Text from files and data is escaped wherever the page shows it; nothing is fetched.
    @Test func pageEscapesWhatItShowsAndFetchesNothing() throws {
        let csv = "id,name,industry,stage\n1,<b>Acme</b> & \"Co\",Software,won\n2,Beta,Retail,lost\n3,Gamma,Software,lost\n"
        let engine = try BacktestTests.engine(csv: csv)
        let text = "icp: x\nname: \"<script>alert(1)</script>\"\nparameters:\n  - {field: industry, mode: filter, is: Retail}\n"
        let icp = try #require(ICPDocument(text: text, format: .yaml).icp)
        let evaluation = engine.evaluate(icp)
        let entry = ICPReport.Entry(preview: ICPPreview(icp: icp, evaluation: evaluation), file: "a<b>.icp.yaml", dataset: "accounts.csv",
                                    charts: ReportCharts(icp: icp, evaluation: evaluation, engine: engine, sensitive: false), minScore: 0)
        let report = ICPReport(reproduction: .init(as_of: ["2026-11-01"], data: [], datasets: ["accounts.csv"], definitions: []),
                               findings: [], icps: [entry], overlap: [], sensitive: false)
        let page = ReportPage.render(report)
        #expect(!page.contains("<script"))
        #expect(!page.contains("<b>Acme"))
        #expect(page.contains("&lt;b&gt;Acme&lt;/b&gt; &amp; &quot;Co&quot;"))
        #expect(!page.contains("a<b>"))
        #expect(!page.contains("http"))
        #expect(page.components(separatedBy: "<svg").count - 1 == ReportPage.chartKinds(entry).count)
        // Three decided accounts: the win rate is a hint, and the alerts say so first.
        #expect(report.alerts.first?.code == "small-sample")
    }
}
