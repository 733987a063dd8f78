import Foundation
@testable import ICPLanguage
@testable import ICPEngine
@testable import ICPBuilders
@testable import ICPInsights

/// format.md (personas, evaluation, outcomes) beyond one ICP's counts, row by row.
extension ReferenceEvaluator {
    /// won/(won+lost) and the rest, over the rows marked in `among` (nil: all rows).
    func outcomes(qualified: [Bool], field: String, won: [String], lost: [String], churned: [String]) -> [String: Double?] {
        func label(_ row: [String?]) -> String? { table.value(row, field)?.lowercased() }
        func count(_ labels: [String], among: [Bool]?) -> Int {
            let wanted = Set(labels.map { $0.lowercased() })
            return table.rows.enumerated().filter { index, row in (among?[index] ?? true) && label(row).map(wanted.contains) == true }.count
        }
        func ratio(_ a: Int, _ b: Int) -> Double? { b == 0 ? nil : Double(a) / Double(b) }
        let qualifiedWon = count(won, among: qualified), qualifiedLost = count(lost, among: qualified), qualifiedChurned = count(churned, among: qualified)
        let allWon = count(won, among: nil), allLost = count(lost, among: nil), allChurned = count(churned, among: nil)
        let winRate = ratio(qualifiedWon, qualifiedWon + qualifiedLost)
        let baseline = ratio(allWon, allWon + allLost)
        return [
            "win_rate": winRate, "baseline_win_rate": baseline,
            "lift": winRate.flatMap { rate in baseline.flatMap { $0 > 0 ? rate / $0 : nil } },
            "won_coverage": ratio(qualifiedWon, allWon),
            "churn_rate": ratio(qualifiedChurned, qualifiedWon + qualifiedChurned),
            "baseline_churn_rate": ratio(allChurned, allWon + allChurned),
        ]
    }

    /// Qualifying rows whose every parameter field is present, as a share of qualifying rows.
    func enriched(_ icp: ICP, qualified: [Bool]) -> Double? {
        let fields = icp.parameters.compactMap(\.field?.value)
        let rows = table.rows.enumerated().filter { qualified[$0.offset] }.map(\.element)
        guard !rows.isEmpty else { return nil }
        return Double(rows.filter { row in fields.allSatisfy { table.value(row, $0) != nil } }.count) / Double(rows.count)
    }

    /// Qualifying rows created on each of the 30 days ending at as_of.
    func lastThirtyDays(qualified: [Bool], field: String) -> [Int] {
        (0..<30).map { offset in
            let day = asOf - 29 + offset
            return table.rows.enumerated().filter { index, row in qualified[index] && table.value(row, field).flatMap(ReferenceTable.date) == day }.count
        }
    }

    /// (qualifying contacts, accounts reached) of a persona: contacts whose account qualifies and who pass the persona.
    func persona(_ persona: Persona, contacts: ReferenceTable, qualified: [Bool], idField: String, linkField: String) -> (Int, Int) {
        let contactEvaluator = ReferenceEvaluator(table: contacts, asOf: asOf)
        let personaICP = { () -> ICP in
            var icp = ICP(range: persona.range)
            icp.parameters = persona.parameters
            icp.minScore = persona.minScore
            return icp
        }()
        let passing = contactEvaluator.evaluate(personaICP).qualified
        func key(_ text: String) -> String { ReferenceTable.number(text).map { "\($0)" } ?? text.lowercased() }
        var accountOfKey: [String: Int] = [:]
        for (index, row) in table.rows.enumerated() {
            if let id = table.value(row, idField), accountOfKey[key(id)] == nil { accountOfKey[key(id)] = index }
        }
        var reached = Set<Int>()
        var count = 0
        for (index, row) in contacts.rows.enumerated() where passing[index] {
            guard let link = contacts.value(row, linkField), let account = accountOfKey[key(link)], qualified[account] else { continue }
            count += 1
            reached.insert(account)
        }
        return (count, reached.count)
    }

    /// format.md, Evaluation: the code of each row across live ICPs.
    func codes(_ icps: [ICP]) -> [String?] {
        let live = icps.filter { $0.status == .live }
        let results = live.map { evaluate($0) }
        return table.rows.indices.map { row in
            let candidates = live.indices.filter { results[$0].qualified[row] }
            let best = candidates.min { a, b in
                if live[a].priority != live[b].priority { return live[a].priority < live[b].priority }
                let (sa, sb) = (results[a].scores[row], results[b].scores[row])
                if abs(sa - sb) > 1e-9 { return sa > sb }
                return live[a].code!.value < live[b].code!.value
            }
            return best.map { live[$0].code!.value }
        }
    }
}
