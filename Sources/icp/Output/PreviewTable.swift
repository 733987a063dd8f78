import ICPLanguage
import ICPEngine
import ICPBuilders
import ICPInsights
import ICPWorkspace

/// The qualification table of `icp preview`: one row per ICP, columns aligned.
enum PreviewTable {
    /// `changes`: when each file last changed (git), shown as "modified" and "by" when any is known.
    static func render(_ previews: [ICPPreview], changes: [FileHistory.Change?] = []) -> String {
        let withOutcomes = previews.contains { $0.outcomes != nil }
        let withFlow = previews.contains { $0.lastThirtyDays != nil }
        let withSync = previews.contains { $0.synced != nil }
        let withHistory = changes.contains { $0 != nil }
        var header = ["ICP", "status", "params", "qualified", "share", "tiers", "personas (contacts/accounts)"]
        if withOutcomes { header += ["win rate", "lift", "won coverage"] }
        header.append("enriched")
        if withSync { header.append("synced") }
        if withFlow { header += ["last 30 days", "last qualified"] }
        if withHistory { header += ["modified", "by"] }
        let rows = previews.enumerated().map { index, preview -> [String] in
            var row = [
                preview.icp,
                preview.status,
                String(preview.parameters),
                "\(CountFormat.grouped(preview.qualified)) of \(CountFormat.grouped(preview.total))",
                CountFormat.percent(preview.share),
                preview.tiers.map { "\($0.name) \(CountFormat.grouped($0.count))" }.joined(separator: " · "),
                preview.personas.map { persona in
                    guard let contacts = persona.contacts, let accounts = persona.accounts else { return "\(persona.persona) -" }
                    return "\(persona.persona) \(CountFormat.grouped(contacts))/\(CountFormat.grouped(accounts))"
                }.joined(separator: " · "),
            ]
            if withOutcomes {
                let outcomes = preview.outcomes
                row.append(outcomes?.winRate.map { rate in
                    "\(CountFormat.percent(rate)) vs \(outcomes?.baselineWinRate.map { CountFormat.percent($0) } ?? "-")"
                } ?? "-")
                row.append(outcomes?.lift.map { CountFormat.decimal($0, digits: 1) + "×" } ?? "-")
                // The share of all won accounts the ICP qualifies: what it would have caught.
                row.append(outcomes?.wonCoverage.map { CountFormat.percent($0) } ?? "-")
            }
            row.append(preview.enriched.map { CountFormat.percent($0, digits: 0) } ?? "-")
            if withSync { row.append(preview.syncedShare.map { CountFormat.percent($0, digits: 0) } ?? "-") }
            if withFlow {
                row.append(preview.lastThirtyDays.map { "\(sparkline($0)) \($0.reduce(0, +))" } ?? "-")
                row.append(preview.lastQualified?.description ?? "-")
            }
            if withHistory {
                let change = index < changes.count ? changes[index] : nil
                row += [change?.modified ?? "", change?.author ?? ""]
            }
            return row
        }
        return align([header] + rows)
    }

    /// Eight levels of block characters, the tallest for the busiest day; an empty day is the lowest.
    static func sparkline(_ counts: [Int]) -> String {
        let levels = Array("▁▂▃▄▅▆▇█")
        let peak = counts.max() ?? 0
        guard peak > 0 else { return String(repeating: levels[0], count: counts.count) }
        return String(counts.map { levels[min(7, Int((Double($0) / Double(peak) * 7).rounded()))] })
    }

    /// Columns padded to their widest cell (counted in characters), two spaces apart.
    static func align(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
