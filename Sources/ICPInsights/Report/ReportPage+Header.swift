import ICPLanguage
import ICPEngine

/// The page's parts around the ICPs' sections: the tiles at a glance, the alerts, and the
/// hashes to reproduce the figures.
extension ReportPage {
    static func reproduction(_ reproduction: ICPReport.Reproduction, sensitive: Bool) -> String {
        var rows: [String] = []
        for file in reproduction.data {
            rows.append("<tr><th>data</th><td>\(HTML.escape(file.path))</td><td class=\"number\">\(CountFormat.grouped(file.bytes)) bytes</td><td>sha256 <code>\(file.sha256)</code></td></tr>")
        }
        rows.append("<tr><th>datasets</th><td colspan=\"3\">\(reproduction.datasets.map(HTML.escape).joined(separator: "; "))</td></tr>")
        for file in reproduction.definitions {
            rows.append("<tr><th>definition</th><td>\(HTML.escape(file.path))</td><td class=\"number\">\(CountFormat.grouped(file.bytes)) bytes</td><td>sha256 <code>\(file.sha256)</code></td></tr>")
        }
        rows.append("<tr><th>as of</th><td colspan=\"3\">\(reproduction.as_of.map(HTML.escape).joined(separator: ", "))</td></tr>")
        rows.append("<tr><th>tool</th><td colspan=\"3\">icp \(HTML.escape(reproduction.tool_version))\(sensitive ? " · account keys and names left out (--sensitive)" : "")</td></tr>")
        return "<h2>Reproduce these figures</h2>\n<details class=\"reproduction\"><summary>The data and definitions these figures come from, with their hashes</summary><table>\n\(rows.joined(separator: "\n"))\n</table></details>"
    }

    static func tiles(_ entries: [ICPReport.Entry]) -> String {
        var parts = ["<h2>At a glance</h2>"]
        for entry in entries {
            let preview = entry.preview
            var tiles = [tile("\(CountFormat.grouped(preview.qualified))", "qualified of \(CountFormat.grouped(preview.total)), \(CountFormat.percent(preview.share))")]
            if let outcomes = preview.outcomes {
                if let rate = outcomes.winRate {
                    let lift = outcomes.lift.map { ", lift \(CountFormat.decimal($0, digits: 2))×" } ?? ""
                    let qualified = entry.charts.groups.filter(\.qualified)
                    let few = qualified.reduce(0) { $0 + $1.decided } < entry.charts.small_sample ? " · few decided accounts, see the alerts" : ""
                    tiles.append(tile(CountFormat.percent(rate), "win rate\(lift)\(few)"))
                } else {
                    tiles.append(tile("-", "win rate: no decided account qualifies"))
                }
                if let coverage = outcomes.wonCoverage { tiles.append(tile(CountFormat.percent(coverage), "of won accounts qualify")) }
            }
            tiles.append(tile(preview.enriched.map { CountFormat.percent($0) } ?? "-", "enriched: every field present"))
            if let share = preview.syncedShare, let synced = preview.synced {
                tiles.append(tile(CountFormat.percent(share), "synced: \(CountFormat.grouped(synced)) already in the CRM"))
            }
            if let last = preview.lastQualified { tiles.append(tile(last.description, "last qualified: the newest account created")) }
            parts.append("<h3><a href=\"#\(anchor(preview.icp))\">\(HTML.escape(preview.name))</a> <span class=\"muted\">\(HTML.escape(preview.icp)) · \(HTML.escape(preview.status))</span></h3>")
            parts.append("<div class=\"tiles\">\(tiles.joined())</div>")
        }
        return parts.joined(separator: "\n")
    }

    static func tile(_ value: String, _ label: String) -> String {
        "<div class=\"tile\"><span class=\"value\">\(HTML.escape(value))</span><span class=\"label\">\(HTML.escape(label))</span></div>"
    }

    static func alerts(_ alerts: [ICPReport.Alert]) -> String {
        guard !alerts.isEmpty else { return "<h2>Alerts</h2>\n<p>No alerts: every check passes.</p>" }
        let items = alerts.map { alert in
            let place = alert.line > 0 ? "\(alert.file):\(alert.line)" : alert.file
            return "<div class=\"alert \(alert.severity.rawValue)\"><span class=\"code\">\(alert.severity.rawValue) · \(HTML.escape(alert.code))</span> "
                + "<span class=\"muted\">\(HTML.escape(place))</span><br>\(Self.forReaders(alert.message))</div>"
        }
        return "<h2>Alerts</h2>\n" + items.joined(separator: "\n")
    }

    /// A check's message for a page read by people who run no commands: code spans as code, and
    /// a parenthesis or a sentence naming an `icp` command moved to a muted line for whoever keeps the files.
    static func forReaders(_ message: String) -> String {
        var text = message
        var commands: [String] = []
        while let open = text.firstRange(of: "(`icp "), let close = text[open.upperBound...].firstIndex(of: ")") {
            commands.append(String(text[text.index(after: open.lowerBound)..<close]))
            var start = open.lowerBound
            if start > text.startIndex, text[text.index(before: start)] == " " { start = text.index(before: start) }
            text.removeSubrange(start...close)
        }
        // A whole sentence about a command ("`icp list --missing x` lists them.") goes too.
        var sentences = text.split(separator: ". ", omittingEmptySubsequences: false).map(String.init)
        let last = sentences.count - 1
        for index in sentences.indices.reversed() where sentences[index].hasPrefix("`icp ") {
            commands.insert(sentences[index].hasSuffix(".") ? String(sentences[index].dropLast()) : sentences[index], at: 0)
            sentences.remove(at: index)
            if index == last, !sentences.isEmpty, !sentences[sentences.count - 1].hasSuffix(".") { sentences[sentences.count - 1] += "." }
        }
        text = sentences.joined(separator: ". ")
        let hint = commands.isEmpty ? "" : "<br><span class=\"muted\">For whoever maintains the ICP files: \(commands.map(HTML.prose).joined(separator: "; "))</span>"
        return HTML.prose(text) + hint
    }

    static func anchor(_ code: String) -> String {
        "icp-" + String(code.unicodeScalars.map { $0.properties.isAlphabetic || ("0"..."9").contains($0) ? Character($0) : "-" })
    }
}
