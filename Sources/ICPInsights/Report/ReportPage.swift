import ICPLanguage
import ICPEngine
/// `icp report`'s page: one self-contained HTML file drawn from an ``ICPReport`` alone, with
/// inline CSS and SVG, no script and nothing fetched from anywhere (Documentation/report.md).
public enum ReportPage {
    public static func render(_ report: ICPReport) -> String {
        // What a sales leader reads first; how to reproduce the figures last.
        var body: [String] = ["<h1>ICP report</h1>", tiles(report.icps), alerts(report.alerts)]
        for (number, entry) in report.icps.enumerated() { body.append(section(entry, number: number)) }
        if !report.overlap.isEmpty { body.append(overlap(report.overlap)) }
        body.append(reproduction(report.reproduction, sensitive: report.sensitive))
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>ICP report</title>
            <style>
            \(style)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    static let style = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #111; background: #fff; margin: 2em auto; max-width: 62em; padding: 0 1em; line-height: 1.4; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { border-top: 2px solid #111; padding-top: 0.6em; margin-top: 2em; } h3 { margin-bottom: 0.2em; }
        table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; } th, td { border: 1px solid #999; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
        td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
        .reproduction { font-size: 0.85em; color: #333; } .reproduction code { word-break: break-all; }
        .tiles { display: flex; flex-wrap: wrap; gap: 0.6em; margin: 0.4em 0 1em; } .tile { border: 1.5px solid #111; padding: 0.4em 0.8em; min-width: 8em; }
        .tile .value { font-size: 1.5em; font-weight: 600; display: block; } .tile .label { font-size: 0.85em; color: #333; }
        .alert { border-left: 6px solid #111; padding: 0.3em 0.7em; margin: 0.3em 0; } .alert.warning { border-left-style: double; } .alert.information { border-left: 2px dashed #111; }
        .alert .code { font-weight: 600; } .muted { color: #555; font-size: 0.9em; }
        figure.chart { margin: 1em 0; } svg { font-size: 12px; max-width: 100%; height: auto; } svg text { fill: #111; } svg .chart-title { font-weight: 600; font-size: 13px; } svg .tick { fill: #555; font-size: 11px; }
        @media print { body { margin: 0; max-width: none; } section.icp { break-before: page; } figure.chart, table, .tiles { break-inside: avoid; } }
        """

    // MARK: One ICP

    static func section(_ entry: ICPReport.Entry, number: Int) -> String {
        let preview = entry.preview
        var parts = ["<section class=\"icp\" id=\"\(anchor(preview.icp))\">",
                     "<h2>\(HTML.escape(preview.name)) <span class=\"muted\">\(HTML.escape(preview.icp))</span></h2>",
                     "<p class=\"muted\">\(HTML.escape(entry.file)) · \(HTML.escape(preview.status)) · on \(HTML.escape(entry.dataset))</p>"]
        let id = "c\(number)"
        parts.append(funnel(entry, id: "\(id)-funnel"))
        if preview.outcomes != nil {
            parts.append(winRates(entry, id: "\(id)-win-rate"))
            parts.append(mix(entry, id: "\(id)-mix"))
        }
        parts.append(scores(entry, id: "\(id)-scores"))
        if entry.charts.gains != nil { parts.append(gains(entry, id: "\(id)-gains")) }
        if !enrichable(entry).isEmpty { parts.append(enrichment(entry, id: "\(id)-enrichment")) }
        if let sample = entry.charts.won_outside_sample { parts.append(wonOutside(entry, sample: sample)) }
        parts.append("</section>")
        return parts.joined(separator: "\n")
    }

    /// The charts a section draws, by kind, in order: what the page's SVGs are.
    public static func chartKinds(_ entry: ICPReport.Entry) -> [String] {
        var kinds = ["funnel"]
        if entry.preview.outcomes != nil { kinds += ["win-rate", "mix"] }
        kinds.append("scores")
        if entry.charts.gains != nil { kinds.append("gains") }
        if !enrichable(entry).isEmpty { kinds.append("enrichment") }
        return kinds
    }

    /// The fields some accounts lack while passing everything else: the others cost nothing.
    static func enrichable(_ entry: ICPReport.Entry) -> [ICPPreview.EnrichmentFigures] {
        entry.preview.enrichment.filter { $0.candidates > 0 }
    }

    static func funnel(_ entry: ICPReport.Entry, id: String) -> String {
        let preview = entry.preview
        let steps = preview.funnel.filter { $0.mode != ParameterMode.score.rawValue }
        var rows: [(label: String, value: Int, note: String)] = [("all accounts", preview.total, "")]
        rows += steps.map { ($0.mode == ParameterMode.exclude.rawValue ? "not \($0.condition)" : $0.condition, $0.remaining, "without it \(CountFormat.grouped($0.without)) qualify") }
        rows.append(("qualified", preview.qualified, entry.min_score > 0 ? "score at least \(CountFormat.plain(entry.min_score))" : ""))
        // Room for the widest label on the left and the widest figure on the right of a full bar.
        let left = max(120, (rows.map { SVGChart.textWidth($0.label) }.max() ?? 0) + 16)
        // Sizes that fill the page's width (62em) at the text's own size, rather than a third of it.
        let (barWidth, rowHeight, top) = (460.0, 26.0, 30.0)
        let right = (rows.map { SVGChart.textWidth(CountFormat.grouped($0.value) + ($0.note.isEmpty ? "" : " · \($0.note)")) }.max() ?? 0) + 12
        let scale = Double(max(preview.total, 1))
        var body: [String] = []
        for (index, row) in rows.enumerated() {
            let y = top + Double(index) * rowHeight
            body.append(SVGChart.text(row.label, x: left - 8, y: y + 14, anchor: "end"))
            body.append(SVGChart.rect(x: left, y: y, width: barWidth * Double(row.value) / scale, height: rowHeight - 8, style: index == rows.count - 1 ? "solid" : "light", chart: id))
            body.append(SVGChart.text(CountFormat.grouped(row.value) + (row.note.isEmpty ? "" : " · \(row.note)"), x: left + barWidth * Double(row.value) / scale + 6, y: y + 14))
        }
        let description = "Accounts remaining after each filter and exclude, in file order: "
            + rows.map { "\($0.label) \(CountFormat.grouped($0.value))" }.joined(separator: ", ") + "."
        return SVGChart.frame(id: id, kind: "funnel", icp: preview.icp, title: "Funnel: accounts left after each filter", description: description,
                              width: Int((left + barWidth + right).rounded(.up)), height: Int(top + Double(rows.count) * rowHeight + 6), body: body)
    }

    static func winRates(_ entry: ICPReport.Entry, id: String) -> String {
        let groups = entry.charts.groups
        let baseline = entry.preview.outcomes?.baselineWinRate
        let rates = groups.compactMap(\.win_rate) + [baseline ?? 0]
        // A scale in whole tens of percent (fives below 10%), so the ticks read as round numbers.
        let top = (rates.max() ?? 0) <= 0.1 ? 0.1 : min(((rates.max() ?? 0) * 10).rounded(.up) / 10, 1)
        func wonLabel(_ group: ReportCharts.Group) -> String { "\(CountFormat.grouped(group.won)) won of \(CountFormat.grouped(group.decided))" }
        let columnWidth = Self.columnWidth(for: groups.flatMap { [wonLabel($0), $0.group] })
        let (left, plotHeight, plotTop) = (50.0, 180.0, 34.0)
        func y(_ rate: Double) -> Double { plotTop + plotHeight * (1 - rate / top) }
        var body = ticks(maximum: top, left: left, top: plotTop, height: plotHeight, width: columnWidth * Double(groups.count))
        for (index, group) in groups.enumerated() {
            let x = left + Double(index) * columnWidth + 15
            if let rate = group.win_rate {
                let few = group.decided < entry.charts.small_sample
                body.append(SVGChart.rect(x: x, y: y(rate), width: columnWidth - 30, height: plotHeight * rate / top, style: few ? "hatch" : (group.qualified ? "solid" : "light"), chart: id))
                // A label whose box the dashed baseline would cross sits just above the line instead.
                var labelY = y(rate) - 4
                if let baseline, (labelY - 12...labelY + 3).contains(y(baseline)) { labelY = y(baseline) - 4 }
                body.append(SVGChart.text(CountFormat.percent(rate), x: x + (columnWidth - 30) / 2, y: labelY, anchor: "middle"))
            }
            body.append(SVGChart.text(group.group, x: x + (columnWidth - 30) / 2, y: plotTop + plotHeight + 16, anchor: "middle"))
            body.append(SVGChart.text(wonLabel(group), x: x + (columnWidth - 30) / 2, y: plotTop + plotHeight + 30, anchor: "middle"))
        }
        let width = left + columnWidth * Double(groups.count)
        if let baseline {
            body.append(SVGChart.line(x1: left, y1: y(baseline), x2: width, y2: y(baseline), dash: "6 4", width: 1.5))
            body.append(SVGChart.text("all decided accounts \(CountFormat.percent(baseline))", x: width + 4, y: y(baseline) + 4))
        }
        body.append(SVGChart.text("hatched: fewer than \(entry.charts.small_sample) decided accounts", x: left, y: plotTop + plotHeight + 48, className: "tick"))
        let description = "Win rate (won over won and lost) by tier against all decided accounts: "
            + groups.map { "\($0.group) \($0.win_rate.map { CountFormat.percent($0) } ?? "no decided account") (\(CountFormat.grouped($0.won)) won of \(CountFormat.grouped($0.decided)))" }.joined(separator: ", ")
            + (baseline.map { "; all decided accounts \(CountFormat.percent($0))." } ?? ".")
        return SVGChart.frame(id: id, kind: "win-rate", icp: entry.preview.icp, title: "Win rate by tier", description: description,
                              width: Int(width) + 200, height: Int(plotTop + plotHeight + 56), body: body)
    }

    /// A column as wide as its widest label ("104 won of 12,030") and a gap, at least 150.
    static func columnWidth(for labels: [String]) -> Double {
        max(150, (labels.map { SVGChart.textWidth($0) }.max() ?? 0) + 30)
    }

    /// Percent ticks on a vertical axis from 0 to `maximum` (a share).
    static func ticks(maximum: Double, left: Double, top: Double, height: Double, width: Double) -> [String] {
        var parts = [SVGChart.line(x1: left, y1: top + height, x2: left + width, y2: top + height)]
        let steps = max(Int((maximum * 10).rounded()), 2)
        for step in 0...steps {
            let value = maximum * Double(step) / Double(steps)
            let y = top + height * (1 - Double(step) / Double(steps))
            parts.append(SVGChart.line(x1: left - 4, y1: y, x2: left, y2: y))
            parts.append(SVGChart.text(CountFormat.percent(value, digits: 0), x: left - 6, y: y + 4, anchor: "end", className: "tick"))
        }
        return parts
    }

    static func mix(_ entry: ICPReport.Entry, id: String) -> String {
        let groups = entry.charts.groups
        let (left, barWidth, top) = (130.0, 560.0, 46.0)
        var body = [SVGChart.legend("share of all accounts", style: "light", x: left, y: 36, chart: id),
                    SVGChart.legend("share of won accounts", style: "solid", x: left + 200, y: 36, chart: id)]
        for (index, group) in groups.enumerated() {
            let y = top + Double(index) * 44
            body.append(SVGChart.text(group.group, x: left - 8, y: y + 20, anchor: "end"))
            body.append(SVGChart.rect(x: left, y: y, width: barWidth * group.account_share, height: 16, style: "light", chart: id))
            body.append(SVGChart.text("\(CountFormat.percent(group.account_share)) (\(CountFormat.grouped(group.accounts)))", x: left + barWidth * group.account_share + 6, y: y + 13))
            let won = group.won_share ?? 0
            body.append(SVGChart.rect(x: left, y: y + 18, width: barWidth * won, height: 16, style: "solid", chart: id))
            body.append(SVGChart.text("\(group.won_share.map { CountFormat.percent($0) } ?? "-") (\(CountFormat.grouped(group.won)))", x: left + barWidth * won + 6, y: y + 31))
        }
        let description = "Each tier's share of all accounts against its share of won accounts: "
            + groups.map { "\($0.group) \(CountFormat.percent($0.account_share)) of accounts, \($0.won_share.map { CountFormat.percent($0) } ?? "-") of won" }.joined(separator: ", ") + "."
        return SVGChart.frame(id: id, kind: "mix", icp: entry.preview.icp, title: "Mix: accounts against won accounts, per tier", description: description,
                              width: Int(left + barWidth + 130), height: Int(top + Double(groups.count) * 44 + 4), body: body)
    }

    static func scores(_ entry: ICPReport.Entry, id: String) -> String {
        let bins = entry.charts.score_distribution
        let (left, plotTop, plotHeight, columnWidth) = (40.0, 56.0, 190.0, 84.0)
        // The tallest bar stops short of the top, leaving a band for the tier and min_score labels.
        let most = Double(max(bins.map(\.accounts).max() ?? 0, 1)) * plotHeight / (plotHeight - 40)
        let hasWon = bins.contains { $0.won != nil }
        var body: [String] = [SVGChart.line(x1: left, y1: plotTop + plotHeight, x2: left + columnWidth * 10, y2: plotTop + plotHeight)]
        if hasWon {
            body.append(SVGChart.legend("accounts", style: "light", x: left, y: 36, chart: id))
            body.append(SVGChart.legend("won among them", style: "solid", x: left + 100, y: 36, chart: id))
        }
        for (index, bin) in bins.enumerated() {
            let x = left + Double(index) * columnWidth
            let height = plotHeight * Double(bin.accounts) / most
            body.append(SVGChart.rect(x: x + 4, y: plotTop + plotHeight - height, width: columnWidth - 8, height: height, style: "light", chart: id))
            if let won = bin.won, won > 0 {
                let wonHeight = plotHeight * Double(won) / most
                body.append(SVGChart.rect(x: x + 4, y: plotTop + plotHeight - wonHeight, width: columnWidth - 8, height: wonHeight, style: "solid", chart: id))
            }
            body.append(SVGChart.text(CountFormat.grouped(bin.accounts), x: x + columnWidth / 2, y: plotTop + plotHeight - height - 4, anchor: "middle"))
            body.append(SVGChart.text("\(CountFormat.plain(bin.from))–\(CountFormat.plain(bin.to))", x: x + columnWidth / 2, y: plotTop + plotHeight + 15, anchor: "middle", className: "tick"))
        }
        // Tier minimums and min_score as dashed lines where the score scale puts them.
        var marks = entry.charts.groups.compactMap { group in group.minimum.map { ($0, "\(group.group) ≥ \(CountFormat.plain($0))") } }
        if entry.min_score > 0 { marks.append((entry.min_score, "min_score \(CountFormat.plain(entry.min_score))")) }
        for (offset, mark) in marks.enumerated() where mark.0 > 0 {
            let x = left + columnWidth * 10 * min(mark.0, 100) / 100
            body.append(SVGChart.line(x1: x, y1: plotTop - 2, x2: x, y2: plotTop + plotHeight, dash: "3 3"))
            body.append(SVGChart.text(mark.1, x: x + 3, y: plotTop + 8 + Double(offset % 2) * 12, className: "tick"))
        }
        body.append(SVGChart.text("score", x: left + columnWidth * 5, y: plotTop + plotHeight + 32, anchor: "middle", className: "tick"))
        let description = "Accounts passing every filter and exclude, by score in bins of 10: "
            + bins.map { "\(CountFormat.plain($0.from)) to \(CountFormat.plain($0.to)): \(CountFormat.grouped($0.accounts))\($0.won.map { " (\(CountFormat.grouped($0)) won)" } ?? "")" }.joined(separator: ", ") + "."
        return SVGChart.frame(id: id, kind: "scores", icp: entry.preview.icp, title: "Score distribution of the accounts passing the filters", description: description,
                              width: Int(left + columnWidth * 10 + 20), height: Int(plotTop + plotHeight + 40), body: body)
    }

    static func gains(_ entry: ICPReport.Entry, id: String) -> String {
        guard let gains = entry.charts.gains else { return "" }
        let (left, top, size) = (60.0, 40.0, 400.0)
        func point(_ point: ReportCharts.GainPoint) -> (Double, Double) { (left + size * point.accounts, top + size * (1 - point.won)) }
        var body = [SVGChart.line(x1: left, y1: top + size, x2: left + size, y2: top + size), SVGChart.line(x1: left, y1: top, x2: left, y2: top + size)]
        for step in 0...4 {
            let share = Double(step) / 4
            body.append(SVGChart.text(CountFormat.percent(share, digits: 0), x: left + size * share, y: top + size + 15, anchor: "middle", className: "tick"))
            body.append(SVGChart.text(CountFormat.percent(share, digits: 0), x: left - 6, y: top + size * (1 - share) + 4, anchor: "end", className: "tick"))
        }
        body.append(SVGChart.text("share of accounts, best score first", x: left + size / 2, y: top + size + 32, anchor: "middle", className: "tick"))
        body.append(SVGChart.polyline(gains.random.map(point), dash: "2 3", width: 1.5, color: "#555"))
        body.append(SVGChart.polyline(gains.perfect.map(point), dash: "7 4", width: 1.5))
        body.append(SVGChart.polyline(gains.icp.map(point), width: 2.5))
        let (qx, qy) = point(gains.qualified)
        body.append("<circle cx=\"\(SVGChart.number(qx))\" cy=\"\(SVGChart.number(qy))\" r=\"5\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/>")
        let legendX = left + size + 20
        body.append(SVGChart.line(x1: legendX, y1: top + 10, x2: legendX + 30, y2: top + 10, width: 2.5))
        body.append(SVGChart.text("this ICP's score", x: legendX + 36, y: top + 14))
        body.append(SVGChart.line(x1: legendX, y1: top + 30, x2: legendX + 30, y2: top + 30, dash: "7 4", width: 1.5))
        body.append(SVGChart.text("a perfect ranking", x: legendX + 36, y: top + 34))
        body.append(SVGChart.line(x1: legendX, y1: top + 50, x2: legendX + 30, y2: top + 50, dash: "2 3", width: 1.5))
        body.append(SVGChart.text("random", x: legendX + 36, y: top + 54))
        body.append("<circle cx=\"\(SVGChart.number(legendX + 15))\" cy=\"\(SVGChart.number(top + 72))\" r=\"5\" fill=\"#fff\" stroke=\"#000\" stroke-width=\"2\"/>")
        body.append(SVGChart.text("where the qualified end:", x: legendX + 36, y: top + 76))
        body.append(SVGChart.text("\(CountFormat.percent(gains.qualified.accounts)) of accounts,", x: legendX + 36, y: top + 92))
        body.append(SVGChart.text("\(CountFormat.percent(gains.qualified.won)) of won accounts", x: legendX + 36, y: top + 108))
        let description = "Cumulative gains: the share of won accounts found when taking accounts best score first. "
            + "The qualified accounts, \(CountFormat.percent(gains.qualified.accounts)) of all, hold \(CountFormat.percent(gains.qualified.won)) of the won ones; "
            + "a perfect ranking would find them all in the first \(CountFormat.percent(gains.perfect[1].accounts)), random picks find the same share of won as of accounts."
        return SVGChart.frame(id: id, kind: "gains", icp: entry.preview.icp, title: "Cumulative gains: won accounts found, best score first", description: description,
                              width: Int(legendX + 220), height: Int(top + size + 40), body: body)
    }

    static func enrichment(_ entry: ICPReport.Entry, id: String) -> String {
        let fields = enrichable(entry)
        let most = Double(max(fields.map(\.candidates).max() ?? 0, 1))
        let (left, barWidth, top) = (170.0, 460.0, 46.0)
        var body = [SVGChart.legend("without a value, passing the rest", style: "outline", x: left, y: 36, chart: id),
                    SVGChart.legend("would qualify with a passing value", style: "solid", x: left + 240, y: 36, chart: id)]
        for (index, field) in fields.enumerated() {
            let y = top + Double(index) * 46
            body.append(SVGChart.text(field.field, x: left - 8, y: y + 16, anchor: "end"))
            body.append(SVGChart.rect(x: left, y: y, width: barWidth * Double(field.candidates) / most, height: 16, style: "outline", chart: id))
            body.append(SVGChart.text(CountFormat.grouped(field.candidates), x: left + barWidth * Double(field.candidates) / most + 6, y: y + 13))
            body.append(SVGChart.rect(x: left, y: y + 18, width: barWidth * Double(field.would_qualify) / most, height: 16, style: "solid", chart: id))
            let moves = field.tier_moves.sorted { $0.key < $1.key }.filter { $0.value > 0 }.map { "\(CountFormat.grouped($0.value)) to \($0.key)" }
            let note = "up to \(CountFormat.grouped(field.would_qualify)) more qualify" + (moves.isEmpty ? "" : "; would move up: " + moves.joined(separator: ", "))
            body.append(SVGChart.text(note, x: left + barWidth * Double(field.would_qualify) / most + 6, y: y + 31))
        }
        let description = "For each field the ICP uses, accounts lacking it that pass every other filter and exclude, and how many of them would qualify given a passing value: "
            + fields.map { "\($0.field) \(CountFormat.grouped($0.candidates)), up to \(CountFormat.grouped($0.would_qualify))" }.joined(separator: "; ") + "."
        return SVGChart.frame(id: id, kind: "enrichment", icp: entry.preview.icp, title: "Cost of missing data: what enriching each field could add", description: description,
                              width: Int(left + barWidth + 300), height: Int(top + Double(fields.count) * 46 + 4), body: body)
    }

    static func wonOutside(_ entry: ICPReport.Entry, sample: [ReportCharts.OutsideAccount]) -> String {
        let count = entry.preview.outcomes?.wonOutside ?? 0
        var parts = ["<h3>Won accounts outside the ICP</h3>"]
        guard count > 0 else {
            parts.append("<p>Every won account qualifies.</p>")
            return parts.joined(separator: "\n")
        }
        parts.append("<p>\(CountFormat.grouped(count)) won accounts do not qualify; the \(CountFormat.grouped(sample.count)) nearest to qualifying (fewest things in the way, then the smallest gaps), and what keeps each out:</p>")
        let named = sample.contains { $0.key != nil || $0.name != nil }
        var rows = ["<tr>" + (named ? "<th>account</th><th>name</th>" : "") + "<th class=\"number\">score if it qualified</th><th>kept out by</th></tr>"]
        for account in sample {
            let who = named ? "<td>\(HTML.escape(account.key ?? ""))</td><td>\(HTML.escape(account.name ?? ""))</td>" : ""
            rows.append("<tr>\(who)<td class=\"number\">\(CountFormat.decimal(account.score, digits: 1))</td><td>\(HTML.prose(account.reason))</td></tr>")
        }
        parts.append("<table>\n\(rows.joined(separator: "\n"))\n</table>")
        return parts.joined(separator: "\n")
    }

    // MARK: Overlap

    /// ICPs past which the matrix would not be read (a thousand columns): the pairs that share
    /// most are listed instead.
    static let matrixLimit = 25
    static let listedPairs = 50

    static func overlap(_ reports: [OverlapReport]) -> String {
        var parts = ["<h2>Overlap</h2>", "<p>Accounts each pair of ICPs both qualify (Jaccard share: shared over either), what each live ICP keeps: an account gets the code of one live ICP, the one of higher precedence (lower priority number, then higher score, then code); drafts and retired ICPs stamp none.</p>"]
        for report in reports {
            let codes = report.icps.map(\.icp)
            parts.append("<h3>On \(HTML.escape(report.dataset))</h3>")
            var rows: [String]
            if codes.count <= matrixLimit {
                rows = ["<tr><th>ICP</th><th class=\"number\">priority</th><th class=\"number\">qualified</th><th class=\"number\">keeps</th>" + codes.map { "<th class=\"number\">\(HTML.escape($0))</th>" }.joined() + "</tr>"]
                for (i, row) in report.icps.enumerated() {
                    let cells = codes.indices.map { j -> String in
                        guard let pair = report.pair(i, j) else { return "<td class=\"number\">·</td>" }
                        return "<td class=\"number\">\(CountFormat.grouped(pair.shared)) (\(CountFormat.percent(pair.jaccard)))</td>"
                    }
                    rows.append("<tr><th>\(HTML.escape(row.icp))</th><td class=\"number\">\(row.priority)</td><td class=\"number\">\(CountFormat.grouped(row.qualified))</td><td class=\"number\">\(row.kept.map(CountFormat.grouped) ?? "-")</td>" + cells.joined() + "</tr>")
                }
            } else {
                // Each unordered pair once, those sharing most first.
                let shared = report.pairs.filter { $0.icp < $0.other && $0.shared > 0 }.sorted { $0.shared != $1.shared ? $0.shared > $1.shared : ($0.icp, $0.other) < ($1.icp, $1.other) }
                rows = ["<tr><th>ICP</th><th>shares with</th><th class=\"number\">accounts</th><th class=\"number\">Jaccard</th></tr>"]
                rows += shared.prefix(listedPairs).map { "<tr><th>\(HTML.escape($0.icp))</th><td>\(HTML.escape($0.other))</td><td class=\"number\">\(CountFormat.grouped($0.shared))</td><td class=\"number\">\(CountFormat.percent($0.jaccard))</td></tr>" }
                parts.append("<p>\(codes.count) ICPs: the \(min(shared.count, listedPairs)) pairs that share most accounts, of \(CountFormat.grouped(shared.count)) that share any (<code>icp overlap</code> prints the whole matrix).</p>")
            }
            parts.append("<table>\n\(rows.joined(separator: "\n"))\n</table>")
            let takings = report.takings
            let status = Dictionary(report.icps.map { ($0.icp, $0.status) }, uniquingKeysWith: { first, _ in first })
            // Counted by the code each account gets in the end; only live ICPs stamp one.
            let lines = takings.prefix(listedPairs).map { pair in
                let other = status[pair.other] == "live" ? "" : " (\(HTML.escape(status[pair.other] ?? "not live")): it stamps no code of its own)"
                return "<li>\(CountFormat.grouped(pair.takes)) of the accounts \(HTML.escape(pair.other)) qualifies get \(HTML.escape(pair.icp))'s code\(other)</li>"
            }
                + (takings.count > listedPairs ? ["<li>and \(CountFormat.grouped(takings.count - listedPairs)) more pairs (<code>icp overlap</code>)</li>"] : [])
            parts.append(lines.isEmpty ? "<p>No account another ICP qualifies gets a live ICP's code.</p>" : "<ul>\(lines.joined())</ul>")
        }
        return parts.joined(separator: "\n")
    }
}
